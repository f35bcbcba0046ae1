#!/usr/bin/env node
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { AppError, serializeError } from '../contract/errors';
import { Services } from '../services/services';
import { resolveStorePath } from '../store/store-location';
import { UsageError, type OptionsConfig } from './command';
import { commands } from './commands';

const globalOptions: OptionsConfig = {
  db: { type: 'string' },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', default: false },
};

const usage = `Usage: grantlens <command> [options]

Commands:
${commands.map((command) => `  ${command.usage.replace(/\n/g, '\n  ')}`).join('\n')}

Options:
  --db FILE   the store to use; a file that does not exist yet becomes a new, empty store.
              Without --db: $GRANTLENS_DB, else the store in the user-data folder.
  --json      print the result as JSON
  --help      this text

Exit codes: 0 ok, 1 usage error, 2 data error.`;

// The bundle lives in out/main/, beside the parse worker's; shipped data (migrations, reference
// geography) in resources/.
const bundleDir = dirname(fileURLToPath(import.meta.url));
const resourcesDir = join(bundleDir, '..', '..', 'resources');
const parseWorkerFile = join(bundleDir, 'csv-parse-worker.js');

async function run(argv: string[]): Promise<number> {
  const allOptions = Object.assign({}, ...commands.map((command) => command.options), globalOptions) as OptionsConfig;
  const { values, positionals, tokens } = parseArgs({ args: argv, allowPositionals: true, options: allOptions, tokens: true });
  const [name, ...rest] = positionals;
  if (values.help || name === 'help') {
    process.stdout.write(`${usage}\n`);
    return 0;
  }
  if (!name) throw new UsageError('no command given');
  const command = commands.find((candidate) => candidate.name === name);
  if (!command) throw new UsageError(`unknown command "${name}"`);
  if (rest.length > command.positionals) throw new UsageError(`unexpected argument "${rest[command.positionals]}"`);
  // Only the options typed count: defaults of other commands' options are in `values` too.
  for (const option of new Set(tokens.flatMap((token) => (token.kind === 'option' ? [token.name] : [])))) {
    if (!(option in globalOptions) && !(option in command.options)) {
      throw new UsageError(`--${option} is not an option of ${command.name}`);
    }
  }

  const services = new Services({ resourcesDir, parseWorkerFile });
  try {
    let openError: AppError | undefined;
    try {
      services.open(resolve(resolveStorePath(values.db as string | undefined)));
    } catch (error) {
      const damaged = error instanceof AppError && (error.code === 'STORE_DAMAGED' || error.code === 'STORE_UNREADABLE');
      if (!command.runsOnDamagedStore || !damaged) throw error;
      openError = error;
    }
    return await command.run({ services, positionals: rest, values, openError });
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
  (code) => process.exit(code),
  (error: unknown) => {
    const usageError = error instanceof UsageError || (error as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS');
    process.stderr.write(`grantlens: ${explain(error)}${usageError ? ' (see grantlens --help)' : ''}\n`);
    process.exit(usageError ? 1 : 2);
  },
);
