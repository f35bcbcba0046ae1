import { readFile } from 'node:fs/promises';
import type { Database } from 'better-sqlite3';
import type { BoundaryLevel, IndicatorMap, Sex } from '../../contract/domains/indicators';
import { AppError } from '../../contract/errors';
import { indicatorOrThrow } from './lookup';

interface Feature {
  type: 'Feature';
  properties?: Record<string, unknown> | null;
  geometry?: unknown;
}

const LEVEL_OF_PLACE: Record<BoundaryLevel, string> = { county: 'county', municipality: 'municipality', regso: 'regso', deso: 'deso' };

/**
 * Which property holds the place code: official files name it differently (KnKod, LnKod, kommunkod,
 * deso, regsokod, ...), so the property whose values match the most known codes of the level wins.
 */
function codeProperty(features: Feature[], known: Set<string>): string | null {
  const hits = new Map<string, number>();
  for (const feature of features) {
    for (const [key, value] of Object.entries(feature.properties ?? {})) {
      if ((typeof value === 'string' || typeof value === 'number') && known.has(String(value).padStart(2, '0'))) {
        hits.set(key, (hits.get(key) ?? 0) + 1);
      }
    }
  }
  const best = [...hits.entries()].sort((a, b) => b[1] - a[1])[0];
  return best ? best[0] : null;
}

/**
 * Keeps the boundaries of one level from a GeoJSON FeatureCollection (WGS 84, as published), one
 * feature per place, replacing earlier ones of that level. Features of unknown places are listed.
 */
export async function importBoundaries(db: Database, path: string, level: BoundaryLevel): Promise<{ features: number; matched: number; unmatched: string[] }> {
  let document: { type?: unknown; features?: unknown };
  try {
    document = JSON.parse((await readFile(path, 'utf8')).replace(/^\uFEFF/, '')) as typeof document;
  } catch (error) {
    throw new AppError('INVALID_ARGUMENT', `The boundary file is not valid JSON: ${(error as Error).message}`);
  }
  if (document.type !== 'FeatureCollection' || !Array.isArray(document.features)) {
    throw new AppError('INVALID_ARGUMENT', 'The boundary file is not a GeoJSON FeatureCollection.');
  }
  const features = document.features as Feature[];
  const known = new Set(db.prepare('SELECT code FROM places WHERE level = ?').pluck().all(LEVEL_OF_PLACE[level]) as string[]);
  const property = codeProperty(features, known);
  if (!property) throw new AppError('INVALID_ARGUMENT', `No property of the features holds ${level} codes known to the store.`);
  const unmatched: string[] = [];
  const now = new Date().toISOString();
  const insert = db.prepare('INSERT INTO boundaries (level, geo_code, geometry, imported_at) VALUES (?, ?, ?, ?)');
  const matched = db.transaction(() => {
    db.prepare('DELETE FROM boundaries WHERE level = ?').run(level);
    let count = 0;
    for (const feature of features) {
      const code = String(feature.properties?.[property] ?? '').padStart(2, '0');
      if (!known.has(code) || !feature.geometry) {
        unmatched.push(code);
        continue;
      }
      insert.run(level, code, JSON.stringify(feature.geometry), now);
      count++;
    }
    return count;
  })();
  return { features: features.length, matched, unmatched };
}

/** One indicator, year and sex over the places of a level, with their boundaries when there are any. */
export function indicatorMap(db: Database, indicator: string, period: number, sex: Sex, level: BoundaryLevel): IndicatorMap {
  indicatorOrThrow(db, indicator);
  const rows = db
    .prepare(
      `SELECT p.code, p.name, b.geometry,
              (SELECT v.value FROM indicator_values v
                WHERE v.indicator_code = ? AND v.geo_code = p.code AND v.period = ? AND v.sex = ?) AS value
         FROM places p
         LEFT JOIN boundaries b ON b.level = ? AND b.geo_code = p.code
        WHERE p.level = ? ORDER BY p.code`,
    )
    .all(indicator, period, sex, level, LEVEL_OF_PLACE[level]) as { code: string; name: string; value: number | null; geometry: string | null }[];
  const shaped = rows.filter((row) => row.geometry !== null);
  return {
    indicator,
    period,
    sex,
    level,
    boundaries:
      shaped.length === 0
        ? null
        : {
            type: 'FeatureCollection',
            features: shaped.map((row) => ({ type: 'Feature', properties: { code: row.code, name: row.name }, geometry: JSON.parse(row.geometry!) as unknown })),
          },
    values: rows.map(({ code, name, value }) => ({ code, name, value })),
  };
}
