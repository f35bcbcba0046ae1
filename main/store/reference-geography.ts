import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';

// The reference files are ours (shipped under resources/reference), plain comma-separated with a
// header and no quoting, so a split is enough here; user files go through the importers instead.
function readReferenceCsv(dir: string, file: string): Record<string, string>[] {
  const [header, ...lines] = readFileSync(join(dir, file), 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/);
  const columns = header!.split(',');
  return lines.map((line) => {
    const cells = line.split(',');
    return Object.fromEntries(columns.map((column, i) => [column, cells[i] ?? '']));
  });
}

export const COUNTRY_CODE = '00';
export const ORDINANCE_2018_151 = 'Förordning (2018:151)';

export function hasReferenceGeography(db: Database): boolean {
  return db.prepare('SELECT 1 FROM geographies LIMIT 1').get() !== undefined;
}

/** Fills an empty store with Sweden's country, counties, municipalities and the 32 designated ones. */
export function seedReferenceGeography(db: Database, referenceDir: string): void {
  if (hasReferenceGeography(db)) return;
  const insert = db.prepare('INSERT INTO geographies (code, level, name, parent_code) VALUES (?, ?, ?, ?)');
  insert.run(COUNTRY_CODE, 'country', 'Riket', null);
  for (const county of readReferenceCsv(referenceDir, 'counties.csv')) {
    insert.run(county.county_code, 'county', county.county_name, COUNTRY_CODE);
  }
  for (const municipality of readReferenceCsv(referenceDir, 'municipalities.csv')) {
    insert.run(municipality.municipality_code, 'municipality', municipality.municipality_name, municipality.county_code);
  }
  const designation = db
    .prepare('INSERT INTO designations (name, source) VALUES (?, ?)')
    .run(ORDINANCE_2018_151, 'The 32 municipalities designated for the earmarked grant');
  const member = db.prepare('INSERT INTO designation_members (designation_id, geo_code) VALUES (?, ?)');
  for (const municipality of readReferenceCsv(referenceDir, 'designated-municipalities.csv')) {
    member.run(designation.lastInsertRowid, municipality.municipality_code);
  }
}
