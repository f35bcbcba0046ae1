import type { Database } from 'better-sqlite3';
import { AppError } from '../../contract/errors';
import { treatment } from './treatment';

// The two places an evaluator's figures come from the store rather than the keyboard: a tracked
// indicator's baseline, and the comparison places suggested beside it.

export type TrackedLevel = 'country' | 'county' | 'municipality' | 'regso' | 'deso';

export interface TrackedPlace {
  indicator: string;
  sex: 'T' | 'K' | 'M';
  level: TrackedLevel;
  geo: string;
}

/** The value the store holds for the place in the year; a baseline can only be one of these. */
export function storedValue(db: Database, place: TrackedPlace, year: number): number {
  const row = db
    .prepare('SELECT value FROM indicator_values WHERE indicator_code = ? AND geo_code = ? AND sex = ? AND period = ?')
    .get(place.indicator, place.geo, place.sex, year) as { value: number } | undefined;
  if (!row) {
    throw new AppError('INVALID_ARGUMENT', `The store has no value of ${place.indicator} for ${place.geo} (${place.sex}) in ${year} to take as a baseline.`, {
      reason: 'baseline_not_stored',
      ...place,
      year,
    });
  }
  return row.value;
}

/**
 * Up to `count` places to compare with: of the same level, for an area of the same area type in
 * the baseline year (the year before when that year is not classified), never treated by a grant,
 * with a value in the baseline year nearest the tracked place's.
 */
/** `treatedPlaces`: the places grants treat, when the caller has them already (the demo asks for hundreds of suggestions). */
export function suggestComparisons(db: Database, place: TrackedPlace, year: number, count = 5, treatedPlaces?: ReadonlyMap<string, number>): string[] {
  const baseline = storedValue(db, place, year);
  const areaType =
    place.level === 'regso' || place.level === 'deso'
      ? (db.prepare('SELECT area_type FROM area_types WHERE area_code = ? AND year <= ? ORDER BY year DESC LIMIT 1').get(place.geo, year) as { area_type: number } | undefined)
      : undefined;
  const candidates = (
    areaType
      ? db
          .prepare(
            `SELECT v.geo_code AS geo, v.value FROM indicator_values v
               JOIN area_types t ON t.area_code = v.geo_code
                AND t.year = (SELECT max(year) FROM area_types WHERE area_code = v.geo_code AND year <= ?)
              WHERE v.indicator_code = ? AND v.sex = ? AND v.period = ? AND t.area_type = ?`,
          )
          .all(year, place.indicator, place.sex, year, areaType.area_type)
      : db
          .prepare(`SELECT v.geo_code AS geo, v.value FROM indicator_values v JOIN places p ON p.code = v.geo_code AND p.level = ?
                     WHERE v.indicator_code = ? AND v.sex = ? AND v.period = ?`)
          .all(place.level, place.indicator, place.sex, year)
  ) as { geo: string; value: number }[];
  const treated =
    treatedPlaces ?? (place.level === 'municipality' || place.level === 'regso' ? treatment(db, { level: place.level }).firstYears : new Map<string, number>());
  return candidates
    .filter((candidate) => candidate.geo !== place.geo && !treated.has(candidate.geo))
    .sort((a, b) => Math.abs(a.value - baseline) - Math.abs(b.value - baseline) || a.geo.localeCompare(b.geo))
    .slice(0, count)
    .map((candidate) => candidate.geo);
}
