import type { Database } from 'better-sqlite3';
import { statement } from '../store/statement-cache';

/** Splits an amount evenly over the years, in whole kronor, the remainder in the last year. */
export function splitByYear(totalOre: number, firstYear: number, lastYear: number): { year: number; ore: number }[] {
  const years = lastYear - firstYear + 1;
  const share = Math.floor(totalOre / years / 100) * 100;
  return Array.from({ length: years }, (_, i) => ({ year: firstYear + i, ore: i === years - 1 ? totalOre - share * (years - 1) : share }));
}

/** When a file gives only a total, the requested amount per year is that total spread evenly. */
export function replaceRequestedByYear(db: Database, applicationId: number, totalOre: number, firstYear: number, lastYear: number): void {
  statement(db, 'DELETE FROM application_years WHERE application_id = ?').run(applicationId);
  const insert = statement(db, 'INSERT INTO application_years (application_id, year, requested_ore) VALUES (?, ?, ?)');
  for (const { year, ore } of splitByYear(totalOre, firstYear, lastYear)) insert.run(applicationId, year, ore);
}

export function replaceGrantedByYear(db: Database, decisionId: number, totalOre: number, firstYear: number, lastYear: number): void {
  statement(db, 'DELETE FROM decision_years WHERE decision_id = ?').run(decisionId);
  const insert = statement(db, 'INSERT INTO decision_years (decision_id, year, granted_ore) VALUES (?, ?, ?)');
  for (const { year, ore } of splitByYear(totalOre, firstYear, lastYear)) insert.run(decisionId, year, ore);
}
