import type { ImportSummary } from '../contract/domains/imports';
import { write } from './command';

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
  }
  return summary.rejected > 0 ? 2 : 0;
}
