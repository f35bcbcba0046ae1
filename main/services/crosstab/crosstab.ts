import type { Database } from 'better-sqlite3';
import type { CrosstabDrillArgs, CrosstabDrillResult, CrosstabQuery, CrosstabResult } from '../../contract/domains/crosstab';
import { drillCrosstab } from '../../domain/crosstab/drill';
import { runCrosstab } from '../../domain/crosstab/run';

/** A cross-tab of the store as it is now. */
export function crosstab(db: Database, query: CrosstabQuery): CrosstabResult {
  return runCrosstab(db, query);
}

export function crosstabDrill(db: Database, args: CrosstabDrillArgs): CrosstabDrillResult {
  return drillCrosstab(db, args);
}
