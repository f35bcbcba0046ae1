import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ImportSummary } from '../contract/domains/imports';
import { UsageError, write, type OptionsConfig, type OptionValues } from './command';

/** The options every `import KIND` command has: a dry run, or all or nothing. */
export const importOptions: OptionsConfig = {
  'dry-run': { type: 'boolean' },
  strict: { type: 'boolean' },
};

export function importFlags(values: OptionValues): { dryRun: boolean; strict: boolean } {
  return { dryRun: values['dry-run'] === true, strict: values.strict === true };
}

export function existingPath(file: string): string {
  const path = resolve(file);
  if (!existsSync(path)) throw new UsageError(`no file ${file}`);
  return path;
}

/** Prints an import's summary (every reject on its own line) and gives the exit code: 2 when any row was rejected. */
export function reportImport(summary: ImportSummary, json: boolean): number {
  if (json) {
    write(JSON.stringify(summary, null, 2));
  } else {
    const n = (count: number) => count.toLocaleString('sv-SE');
    const outcome = summary.dryRun ? 'dry run, nothing written' : summary.abandoned ? 'abandoned (--strict), nothing written' : 'written';
    write(
      `${outcome}: ${n(summary.rows)} rows, ${n(summary.accepted)} accepted, ${n(summary.rejected)} rejected; ` +
        `${n(summary.inserted)} inserted, ${n(summary.updated)} updated, ${n(summary.unchanged)} unchanged`,
    );
    for (const reject of summary.rejects) write(`  row ${reject.row}${reject.field ? ` (${reject.field})` : ''}: ${reject.reason}`);
    if (summary.rejects.length < summary.rejected) write(`  ... and ${n(summary.rejected - summary.rejects.length)} more rejected rows`);
    const unknown = summary.unknownIndicators ?? [];
    if (unknown.length > 0) {
      write(`no indicator in the store matches ${unknown.map(({ text, values }) => `"${text}" (${n(values)} values)`).join(', ')}`);
      const definable = unknown.filter((indicator) => indicator.definable).length;
      write(definable > 0 ? '  say which it is with --indicator CODE, or define the codes with --define-indicators' : '  say which it is with --indicator CODE');
    }
    for (const { code, name, unit } of summary.definedIndicators ?? []) write(`defined ${code}: ${name ?? '(name missing)'}${unit ? ` (${unit})` : ''}`);
  }
  return summary.rejected > 0 ? 2 : 0;
}
