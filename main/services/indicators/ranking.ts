import type { Database } from 'better-sqlite3';
import type { Ranking, Sex } from '../../contract/domains/indicators';
import { ORDINANCE_2018_151 } from '../../store/reference-geography';
import { indicatorOrThrow } from './lookup';

/** All municipalities for one indicator, year and sex, best first; those without a value apart. */
export function ranking(db: Database, indicator: string, period: number, sex: Sex): Ranking {
  const { higherIsBetter } = indicatorOrThrow(db, indicator);
  const rows = db
    .prepare(
      // A scalar subquery, not a LEFT JOIN: SQLite flattens the values view into it and seeks by key.
      `SELECT g.code, g.name,
              (SELECT v.value FROM indicator_values v
                WHERE v.indicator_code = ? AND v.geo_code = g.code AND v.period = ? AND v.sex = ?) AS value,
              EXISTS (SELECT 1 FROM designation_members m JOIN designations d ON d.id = m.designation_id
                       WHERE d.name = ? AND m.geo_code = g.code) AS designated
         FROM geographies g
        WHERE g.level = 'municipality'
        ORDER BY g.code`,
    )
    .all(indicator, period, sex, ORDINANCE_2018_151) as { code: string; name: string; value: number | null; designated: number }[];
  const withValue = rows
    .filter((row): row is typeof row & { value: number } => row.value !== null)
    .map((row) => ({ code: row.code, name: row.name, value: row.value, designated: row.designated === 1 }));
  withValue.sort((a, b) => (higherIsBetter ? b.value - a.value : a.value - b.value) || a.code.localeCompare(b.code));
  const missing = rows.filter((row) => row.value === null).map(({ code, name }) => ({ code, name }));
  return { indicator, period, sex, higherIsBetter, rows: withValue, missing };
}
