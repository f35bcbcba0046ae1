import type { Database } from 'better-sqlite3';
import type { CrosstabDrillArgs, CrosstabDrillResult, CrosstabQuery, CrosstabResult } from '../../contract/domains/crosstab';
import { drillCrosstab } from '../../domain/crosstab/drill';
import { runCrosstab } from '../../domain/crosstab/run';
import { fromSummaries } from '../../domain/crosstab/summaries';

/** A cross-tab of the store as it is now, the register's dimensions read from its summaries. */
export function crosstab(db: Database, query: CrosstabQuery): CrosstabResult {
  return runCrosstab(db, query, fromSummaries);
}

export function crosstabDrill(db: Database, args: CrosstabDrillArgs): CrosstabDrillResult {
  return drillCrosstab(db, args);
}
