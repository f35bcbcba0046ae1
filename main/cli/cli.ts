#!/usr/bin/env node
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { StoreInfo } from '../contract/calls';
import { serializeError, unwrap } from '../contract/errors';
import { Services } from '../services/services';
import { resolveStorePath } from '../store/store-location';
import { renderProgress } from './progress-line';

const usage = `Usage: grantlens <command> [options]

Commands:
  demo --db FILE [--scale N] [--seed N]   fill an empty store with realistic demo data
                                          (scale 1 is about 1,500 applications)
  info --db FILE [--json]                 schema version and row counts per table

Options:
  --db FILE   the store to use; a file that does not exist yet becomes a new, empty store.
              Without --db: $GRANTLENS_DB, else the store in the user-data folder.
  --help      this text

Exit codes: 0 ok, 1 usage error, 2 data error.`;

class UsageError extends Error {}

// The bundle lives in out/main/; shipped data (migrations, reference geography) in resources/.
const resourcesDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'resources');

function integer(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new UsageError(`--${name} takes a whole number, not "${value}"`);
  return Number(value);
}

function printInfo(info: StoreInfo, json: boolean): void {
  if (json) {
    process.stdout.write(`${JSON.stringify(info, null, 2)}\n`);
    return;
  }
  const width = Math.max(...info.counts.map((c) => c.table.length));
  process.stdout.write(`store           ${info.path}\nschema version  ${info.schemaVersion}\n\n`);
  for (const { table, rows } of info.counts) {
    process.stdout.write(`${table.padEnd(width)}  ${rows.toLocaleString('sv-SE').padStart(12)}\n`);
  }
}

async function run(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      db: { type: 'string' },
      scale: { type: 'string' },
      seed: { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  const [command, ...extra] = positionals;
  if (values.help || command === 'help') {
    process.stdout.write(`${usage}\n`);
    return;
  }
  if (!command) throw new UsageError('no command given');
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`);
  if (command !== 'demo' && command !== 'info') throw new UsageError(`unknown command "${command}"`);

  const services = new Services({ resourcesDir });
  try {
    services.open(resolve(resolveStorePath(values.db)));
    if (command === 'demo') {
      const args = { scale: integer(values.scale, 'scale'), seed: integer(values.seed, 'seed') };
      const result = unwrap<Record<string, number>>(await services.call('demo.load', args, renderProgress));
      process.stderr.write('\n');
      const summary = Object.entries(result).map(([key, n]) => `${key} ${n.toLocaleString('sv-SE')}`);
      process.stdout.write(`demo data loaded: ${summary.join(', ')}\n`);
    } else {
      printInfo(unwrap<StoreInfo>(await services.call('store.info', {})), values.json);
    }
  } finally {
    services.close();
  }
}

function explain(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (/NODE_MODULE_VERSION|was compiled against a different Node\.js version/.test(message)) {
    return 'better-sqlite3 is built for Electron, not for this Node.js: run `npm rebuild better-sqlite3` first';
  }
  return serializeError(error).message;
}

run(process.argv.slice(2)).then(
  () => process.exit(0),
  (error: unknown) => {
    const usageError = error instanceof UsageError || (error as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS');
    process.stderr.write(`grantlens: ${explain(error)}${usageError ? ' (see grantlens --help)' : ''}\n`);
    process.exit(usageError ? 1 : 2);
  },
);
