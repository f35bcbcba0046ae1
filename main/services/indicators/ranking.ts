import type { Database } from 'better-sqlite3';
import type { Ranking, Sex } from '../../contract/domains/indicators';
import { indicatorOrThrow } from './lookup';

/** All municipalities for one indicator, year and sex, best first; those without a value apart. */
export function ranking(db: Database, indicator: string, period: number, sex: Sex): Ranking {
  const { higherIsBetter } = indicatorOrThrow(db, indicator);
  const rows = db
    .prepare(
      // A scalar subquery, not a LEFT JOIN: SQLite flattens the values view into it and seeks by key.
      `SELECT g.code, g.name,
              (SELECT v.value FROM indicator_values v
                WHERE v.indicator_code = ? AND v.geo_code = g.code AND v.period = ? AND v.sex = ?) AS value
         FROM geographies g
        WHERE g.level = 'municipality'
        ORDER BY g.code`,
    )
    .all(indicator, period, sex) as { code: string; name: string; value: number | null }[];
  const withValue = rows.filter((row): row is { code: string; name: string; value: number } => row.value !== null);
  withValue.sort((a, b) => (higherIsBetter ? b.value - a.value : a.value - b.value) || a.code.localeCompare(b.code));
  const missing = rows.filter((row) => row.value === null).map(({ code, name }) => ({ code, name }));
  return { indicator, period, sex, rows: withValue, missing };
}
