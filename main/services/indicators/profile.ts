import type { Database } from 'better-sqlite3';
import type { Profile, ProfileSeries, Sex } from '../../contract/domains/indicators';
import { areaTypeInForce } from '../../domain/area-type';
import { COUNTRY_CODE } from '../../store/reference-geography';
import { sql } from '../../store/sql';
import { placeOrThrow } from './lookup';

/**
 * The RegSO whose area type a statistical area has (a DeSO has its RegSO's) and its classifications
 * by year; null for a place that is not a classified statistical area.
 */
function areaTypesOf(db: Database, code: string): { regso: string; types: { year: number; type: number }[] } | null {
  const types = db
    .prepare(
      `SELECT t.area_code AS regso, t.year, t.area_type AS type FROM stat_areas a JOIN area_types t ON t.area_code = coalesce(a.regso_code, a.code)
        WHERE a.code = ? ORDER BY t.year`,
    )
    .all(code) as { regso: string; year: number; type: number }[];
  return types.length === 0 ? null : { regso: types[0]!.regso, types: types.map(({ year, type }) => ({ year, type })) };
}

/** "1", or "1 (2020), 2 (2023)" for an area whose type changed. */
function areaTypeLabel(types: { year: number; type: number }[]): string {
  return new Set(types.map((t) => t.type)).size === 1 ? String(types[0]!.type) : types.map((t) => `${t.type} (${t.year})`).join(', ');
}

/**
 * One place over time for the chosen indicators, split by sex, with comparison lines: its county,
 * the country, for a statistical area the mean of the RegSOs of its area type (each year the RegSOs
 * that had the type it had that year), and chosen peers.
 */
export function profile(db: Database, geo: string, indicators: string[], sexes: Sex[], peers: string[]): Profile {
  const self = placeOrThrow(db, geo);
  const lines: { role: ProfileSeries['role']; geo: string; label: string }[] = [{ role: 'self', geo, label: self.name }];
  if (self.county_code && self.county_code !== geo) {
    lines.push({ role: 'county', geo: self.county_code, label: placeOrThrow(db, self.county_code).name });
  }
  if (geo !== COUNTRY_CODE) lines.push({ role: 'country', geo: COUNTRY_CODE, label: placeOrThrow(db, COUNTRY_CODE).name });
  for (const peer of peers.filter((code) => code !== geo)) lines.push({ role: 'peer', geo: peer, label: placeOrThrow(db, peer).name });

  const valuesOf = db.prepare(
    'SELECT period, value FROM indicator_values WHERE indicator_code = ? AND geo_code = ? AND sex = ? ORDER BY period',
  );
  const areaTypes = areaTypesOf(db, geo);
  const areaTypeMean = db.prepare(
    `SELECT v.period, avg(v.value) AS value
       FROM indicator_values v
       JOIN stat_areas a ON a.code = v.geo_code AND a.kind = 'regso'
      WHERE v.indicator_code = @indicator AND v.sex = @sex
        AND ${areaTypeInForce(sql`a.code`, sql`v.period`).text} = ${areaTypeInForce(sql`@regso`, sql`v.period`).text}
      GROUP BY v.period ORDER BY v.period`,
  );

  const series: ProfileSeries[] = [];
  for (const indicator of indicators) {
    for (const sex of sexes) {
      for (const line of lines) {
        const points = valuesOf.all(indicator, line.geo, sex) as { period: number; value: number }[];
        series.push({ indicator, sex, ...line, points });
      }
      if (areaTypes) {
        const points = areaTypeMean.all({ indicator, sex, regso: areaTypes.regso }) as { period: number; value: number }[];
        const label = areaTypeLabel(areaTypes.types);
        series.push({ indicator, sex, role: 'areaType', geo: `areaType:${label}`, label, points });
      }
    }
  }
  return { place: { code: self.code, name: self.name, level: self.level }, series };
}
