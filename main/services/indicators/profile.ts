import type { Database } from 'better-sqlite3';
import type { Profile, ProfileSeries } from '../../contract/domains/indicators';
import type { Sex } from '../../importers/indicators/value-checker';
import { COUNTRY_CODE } from '../../store/reference-geography';
import { placeOrThrow } from './lookup';

/** A RegSO's type as last classified; a DeSO has the type of the RegSO it belongs to. */
function areaTypeOf(db: Database, code: string): number | null {
  const row = db
    .prepare(
      `SELECT t.area_type FROM stat_areas a JOIN area_types t ON t.area_code = coalesce(a.regso_code, a.code)
        WHERE a.code = ? ORDER BY t.year DESC LIMIT 1`,
    )
    .get(code) as { area_type: number } | undefined;
  return row?.area_type ?? null;
}

/**
 * One place over time for the chosen indicators, split by sex, with comparison lines: its county,
 * the country, for a statistical area the mean of the RegSOs of its area type, and chosen peers.
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
  const areaType = areaTypeOf(db, geo);
  const areaTypeMean = db.prepare(
    `SELECT v.period, avg(v.value) AS value
       FROM indicator_values v
       JOIN stat_areas a ON a.code = v.geo_code AND a.kind = 'regso'
      WHERE v.indicator_code = ? AND v.sex = ?
        AND (SELECT t.area_type FROM area_types t WHERE t.area_code = a.code ORDER BY t.year DESC LIMIT 1) = ?
      GROUP BY v.period ORDER BY v.period`,
  );

  const series: ProfileSeries[] = [];
  for (const indicator of indicators) {
    for (const sex of sexes) {
      for (const line of lines) {
        const points = valuesOf.all(indicator, line.geo, sex) as { period: number; value: number }[];
        series.push({ indicator, sex, ...line, points });
      }
      if (areaType !== null) {
        const points = areaTypeMean.all(indicator, sex, areaType) as { period: number; value: number }[];
        series.push({ indicator, sex, role: 'areaType', geo: `areaType:${areaType}`, label: String(areaType), points });
      }
    }
  }
  return { place: { code: self.code, name: self.name, level: self.level }, series };
}
