import type { Database } from 'better-sqlite3';
import type { IndicatorDefinition, Place } from '../../contract/domains/indicators';

interface DefinitionRow {
  code: string;
  name_sv: string;
  name_en: string;
  name_missing: number;
  unit: string;
  source: string;
  higher_is_better: number;
  sexes: string;
  levels: string;
  periods: string | null;
}

export function listIndicators(db: Database): IndicatorDefinition[] {
  const rows = db
    .prepare(
      `SELECT i.code, i.name_sv, i.name_en, i.name_missing, i.unit, i.source, i.higher_is_better, i.sexes, i.levels,
              (SELECT group_concat(period) FROM (SELECT DISTINCT period FROM indicator_values v
                WHERE v.indicator_code = i.code ORDER BY period)) AS periods
         FROM indicators i ORDER BY i.name_sv`,
    )
    .all() as DefinitionRow[];
  return rows.map((row) => ({
    code: row.code,
    nameSv: row.name_sv,
    nameEn: row.name_en,
    nameMissing: row.name_missing === 1,
    unit: row.unit,
    source: row.source,
    higherIsBetter: row.higher_is_better === 1,
    bySex: row.sexes === 'TKM',
    levels: row.levels.split(','),
    periods: row.periods ? row.periods.split(',').map(Number) : [],
  }));
}

/** The country, counties, municipalities and statistical areas, in code order. */
export function listPlaces(db: Database): Place[] {
  return db.prepare('SELECT code, name, level FROM places ORDER BY code').all() as Place[];
}
