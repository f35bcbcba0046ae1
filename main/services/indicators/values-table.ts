import type { Database } from 'better-sqlite3';
import type { ValuesTable } from '../../contract/domains/indicators';
import { indicatorOrThrow } from './lookup';

/**
 * One indicator and year for every place that has a value: total, women and men side by side,
 * with the file the total came from. At most one row per place (about 10,000 with every DeSO and
 * RegSO), so it is sent whole and the grid sorts and filters it in the window.
 */
export function valuesTable(db: Database, indicator: string, period: number): ValuesTable {
  indicatorOrThrow(db, indicator);
  const rows = db
    .prepare(
      `SELECT p.code, p.name, p.level,
              max(CASE v.sex WHEN 'T' THEN v.value END) AS T,
              max(CASE v.sex WHEN 'K' THEN v.value END) AS K,
              max(CASE v.sex WHEN 'M' THEN v.value END) AS M,
              (SELECT i.file_name || ' (' || substr(i.imported_at, 1, 10) || ')'
                 FROM indicator_values t JOIN indicator_imports i ON i.id = t.import_id
                WHERE t.indicator_code = ? AND t.geo_code = p.code AND t.period = ? AND t.sex = 'T') AS source
         FROM indicator_values v JOIN places p ON p.code = v.geo_code
        WHERE v.indicator_code = ? AND v.period = ?
        GROUP BY p.code ORDER BY p.code`,
    )
    .all(indicator, period, indicator, period) as ValuesTable['rows'];
  return { indicator, period, rows };
}
