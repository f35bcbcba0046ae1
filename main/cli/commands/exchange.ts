import { resolve } from 'node:path';
import { exchangeScopes, type ExchangeExportResult, type ExchangeScope, type ExchangeSummary } from '../../contract/calls';
import { unwrap } from '../../contract/errors';
import { UsageError, write, type Command } from '../command';

/**
 * The passphrase from GRANTLENS_PASSPHRASE, else typed at a prompt that does not echo it; never an
 * argument, which other users could read in the process list and the shell keeps in its history.
 */
async function passphrase(): Promise<string> {
  const fromEnv = process.env.GRANTLENS_PASSPHRASE;
  if (fromEnv) return fromEnv;
  const input = process.stdin;
  if (!input.isTTY) throw new UsageError('give the passphrase in GRANTLENS_PASSPHRASE, or run in a terminal to type it');
  process.stderr.write('Passphrase: ');
  input.setRawMode(true);
  input.setEncoding('utf8');
  input.resume();
  try {
    return await new Promise<string>((done, fail) => {
      let typed = '';
      input.on('data', (chunk: string) => {
        for (const char of chunk) {
          if (char === '\r' || char === '\n') return done(typed);
          if (char === '\u0003') return fail(new UsageError('cancelled'));
          if (char === '\u007f' || char === '\b') typed = typed.slice(0, -1);
          else typed += char;
        }
      });
    });
  } finally {
    input.setRawMode(false);
    input.pause();
    process.stderr.write('\n');
  }
}

export const exchangeExportCommand: Command = {
  name: 'exchange export',
  usage: `exchange export --db F --scope S [--grant CASE] [--indicator CODE]... --out FILE
                                          an encrypted package of one grant's evaluation (--scope
                                          evaluation --grant CASE), indicators (--scope indicators,
                                          --indicator CODE repeated or CODE,CODE; none: all), the
                                          register or all, for another laptop; passphrase from
                                          GRANTLENS_PASSPHRASE or a prompt`,
  arguments: [],
  options: { scope: { type: 'string' }, grant: { type: 'string' }, indicator: { type: 'string', multiple: true }, out: { type: 'string' } },
  async run({ services, values }) {
    const scope = values.scope;
    if (typeof scope !== 'string' || !(exchangeScopes as readonly string[]).includes(scope)) {
      throw new UsageError(`exchange export needs --scope ${exchangeScopes.join(', ')}`);
    }
    if (scope === 'evaluation' && typeof values.grant !== 'string') throw new UsageError('--scope evaluation needs --grant CASE');
    const indicators = ((values.indicator ?? []) as string[]).flatMap((given) => given.split(',')).map((code) => code.trim()).filter((code) => code !== '');
    if (indicators.length > 0 && scope !== 'indicators') throw new UsageError('--indicator goes with --scope indicators');
    if (typeof values.out !== 'string') throw new UsageError('exchange export needs --out FILE');
    const out = resolve(values.out);
    const result = unwrap<ExchangeExportResult>(
      await services.call('exchange.export', {
        scope: scope as ExchangeScope,
        caseNumber: scope === 'evaluation' ? (values.grant as string) : undefined,
        indicators: indicators.length > 0 ? indicators : undefined,
        fileId: services.registerFile(out).fileId,
        passphrase: await passphrase(),
      }),
    );
    if (values.json) write(JSON.stringify(result, null, 2));
    else {
      const values = result.values > 0 ? `, ${result.values.toLocaleString('sv-SE')} indicator values` : '';
      const deleted = result.deleted > 0 ? `, ${result.deleted.toLocaleString('sv-SE')} deletions` : '';
      write(`exported  ${result.records.toLocaleString('sv-SE')} records${values}${deleted} (${result.scope}) to ${out}, ${result.bytes.toLocaleString('sv-SE')} bytes`);
    }
    return 0;
  },
};

const shown = (value: unknown) => (typeof value === 'string' && value.length > 60 ? `${JSON.stringify(value.slice(0, 57))}…` : JSON.stringify(value));

export const exchangeImportCommand: Command = {
  name: 'exchange import',
  usage: `exchange import FILE --db F [--dry-run] [--json]
                                          merges a package from another laptop: new records added,
                                          fields changed on one side taken, records deleted there
                                          deleted, conflicts settled by the later edit and listed;
                                          exit 2 when a record could not be merged`,
  arguments: ['FILE'],
  options: { 'dry-run': { type: 'boolean' } },
  async run({ services, positionals, values }) {
    const { fileId } = services.registerFile(resolve(positionals[0]!));
    const summary = unwrap<ExchangeSummary>(
      await services.call('exchange.import', { fileId, passphrase: await passphrase(), dryRun: values['dry-run'] === true }),
    );
    if (values.json) write(JSON.stringify(summary, null, 2));
    else {
      write(`${summary.dryRun ? 'would merge' : 'merged'}  ${summary.records.toLocaleString('sv-SE')} records (${summary.scope}, exported ${summary.exportedAt})`);
      write(`  ${summary.inserted} new, ${summary.updated} changed, ${summary.deleted} deleted, ${summary.unchanged} unchanged, ${summary.keptMine} fields kept as changed here`);
      if (summary.values > 0) write(`  ${summary.values.toLocaleString('sv-SE')} indicator values: ${summary.valuesInserted} new, ${summary.valuesUpdated} changed`);
      for (const conflict of summary.conflicts) {
        const took = conflict.taken === 'mine' ? 'here' : 'theirs';
        if (conflict.deleted) write(`  conflict  ${conflict.key}: deleted ${conflict.deleted === 'mine' ? 'here' : 'there'}, changed ${conflict.deleted === 'mine' ? 'there' : 'here'}; took ${took}`);
        else write(`  conflict  ${conflict.key} ${conflict.field}: here ${shown(conflict.mine)}, theirs ${shown(conflict.theirs)}; took ${took}`);
      }
      for (const reject of summary.rejected) write(`  not merged  ${reject.key}: ${reject.reason} (${reject.detail})`);
    }
    return summary.rejected.length > 0 ? 2 : 0;
  },
};
