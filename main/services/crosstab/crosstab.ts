import type { Database } from 'better-sqlite3';
import type { CrosstabDrillArgs, CrosstabDrillResult, CrosstabExportArgs, CrosstabQuery, CrosstabResult } from '../../contract/domains/crosstab';
import { drillCrosstab } from '../../domain/crosstab/drill';
import { runCrosstab } from '../../domain/crosstab/run';
import { fromSummaries } from '../../domain/crosstab/summaries';
import { writeFileAtomically } from '../../store/atomic-file';
import { tableCsv, tableOf, writeTableXlsx } from './table';

/** A cross-tab of the store as it is now, the register's dimensions read from its summaries. */
export function crosstab(db: Database, query: CrosstabQuery): CrosstabResult {
  return runCrosstab(db, query, fromSummaries);
}

export function crosstabDrill(db: Database, args: CrosstabDrillArgs): CrosstabDrillResult {
  return drillCrosstab(db, args);
}

/** The table as the section shows it, written whole or not at all: a failed export leaves the old file. */
export async function exportCrosstab(db: Database, path: string, args: CrosstabExportArgs): Promise<{ rows: number }> {
  const table = tableOf(crosstab(db, args.query), args.language);
  if (args.format === 'csv') await writeFileAtomically(path, tableCsv(table));
  else await writeTableXlsx(table, path);
  return { rows: table.rows.length };
}
