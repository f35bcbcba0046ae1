import type { Database } from 'better-sqlite3';
import { AppError } from '../../contract/errors';

export function indicatorOrThrow(db: Database, code: string): { code: string; nameSv: string; higherIsBetter: boolean } {
  const row = db.prepare('SELECT code, name_sv, higher_is_better FROM indicators WHERE code = ?').get(code) as
    | { code: string; name_sv: string; higher_is_better: number }
    | undefined;
  if (!row) throw new AppError('INVALID_ARGUMENT', `There is no indicator ${code}.`);
  return { code: row.code, nameSv: row.name_sv, higherIsBetter: row.higher_is_better === 1 };
}

export function placeOrThrow(db: Database, code: string): { code: string; name: string; level: string; county_code: string | null } {
  const row = db.prepare('SELECT code, name, level, county_code FROM places WHERE code = ?').get(code) as
    | { code: string; name: string; level: string; county_code: string | null }
    | undefined;
  if (!row) throw new AppError('INVALID_ARGUMENT', `There is no geography ${code}.`);
  return row;
}
