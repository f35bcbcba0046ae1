import { cpSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { resourcesDir } from './temp-dir';

/** A copy of the shipped resources without the newest migration: stores opened with it are one version behind. */
export function resourcesWithoutLastMigration(dir: string): string {
  const older = join(dir, 'older-resources');
  cpSync(resourcesDir, older, { recursive: true });
  const last = readdirSync(join(older, 'migrations')).sort().at(-1)!;
  rmSync(join(older, 'migrations', last));
  return older;
}

/**
 * Every catalogue indicator for every municipality, sex and year from `firstYear` to 2023, written
 * through the values view (which every schema version has): data for a migration to move.
 */
export function fillIndicatorValues(db: Database, firstYear: number): number {
  db.prepare(
    `WITH RECURSIVE years(y) AS (SELECT ? UNION ALL SELECT y + 1 FROM years WHERE y < 2023)
     INSERT INTO indicator_values (indicator_code, geo_code, period, sex, value, import_id)
     SELECT i.code, g.code, years.y, s.sex, (length(g.code) * years.y) % 97, NULL
       FROM indicators i, geographies g, years, (SELECT 'T' AS sex UNION ALL SELECT 'K' UNION ALL SELECT 'M') s
      WHERE g.level = 'municipality'`,
  ).run(firstYear);
  return (db.prepare('SELECT count(*) AS n FROM indicator_points').get() as { n: number }).n;
}
