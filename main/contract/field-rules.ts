import { z } from 'zod';
import type { RejectCode } from './reject-reasons';

// One rule per field, however a value reaches the store: the contract's schemas below check what a
// form sends, the importers call the same predicates on every cell, and the renderer's forms take
// their limits from here. A value that breaks a rule is refused with a reject code, never stored.

/**
 * The largest amount kept, in öre: 100 000 000 000 kr, far above any grant or budget. Every whole
 * number of öre up to it is exact in a double and fits SQLite's integers, so sums stay exact too.
 */
export const MAX_AMOUNT_ORE = 10 ** 13;

/** The most characters each free-text field may hold, after trimming. */
export const textLimits = {
  caseNumber: 40,
  title: 300,
  summary: 5000,
  targetAreas: 500,
  organisation: 200,
  conditions: 2000,
  // What an evaluator writes (migration 0007's records).
  outcomeTitle: 500,
  milestoneTitle: 500,
  findingStatement: 4000,
  noteBody: 20_000,
} as const;

export type TextField = keyof typeof textLimits;

/** Fields that may hold line breaks and tabs. */
const multiline = new Set<TextField>(['summary', 'targetAreas', 'conditions', 'findingStatement', 'noteBody']);

// C0 controls and DEL: NUL and its kind are never text; tab, line feed and carriage return are in a multi-line field.
const CONTROL = /[\u0000-\u001f\u007f]/;
const CONTROL_BUT_LINE_BREAKS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** Why a text cannot be stored in the field, as a reject code with its values; null when it can. */
export function textProblem(field: TextField, text: string): { code: 'textTooLong'; max: number } | { code: 'controlCharacter' } | null {
  if (text.length > textLimits[field]) return { code: 'textTooLong', max: textLimits[field] };
  if ((multiline.has(field) ? CONTROL_BUT_LINE_BREAKS : CONTROL).test(text)) return { code: 'controlCharacter' };
  return null;
}

/** A free-text field in a call's argument: trimmed, bounded, and without control characters (the issue names the reject code, as an import would). */
export function plainText(field: TextField) {
  return z
    .string()
    .trim()
    .max(textLimits[field])
    .refine((text) => textProblem(field, text)?.code !== 'controlCharacter', {
      message: 'contains a control character',
      params: { reject: 'controlCharacter' satisfies RejectCode },
    });
}

/** A free-text field that must say something: `plainText`, and not empty once trimmed. */
export function requiredText(field: TextField) {
  return plainText(field).min(1);
}

/** Why a text cannot be stored in a field `requiredText` checks, trimmed as the schema trims it; null when it can. */
export function requiredTextProblem(field: TextField, text: string): { code: 'empty' } | ReturnType<typeof textProblem> {
  const trimmed = text.trim();
  return trimmed === '' ? { code: 'empty' } : textProblem(field, trimmed);
}

/** A whole number of öre from 0 to MAX_AMOUNT_ORE. */
export function isAmountOre(ore: number): boolean {
  return Number.isInteger(ore) && ore >= 0 && ore <= MAX_AMOUNT_ORE;
}

export const amountOre = z.number().int('whole öre').min(0).max(MAX_AMOUNT_ORE);

/** A real calendar day as YYYY-MM-DD: `2024-02-30` is not one. */
export const calendarDay = z.iso.date('a date as YYYY-MM-DD');

export function isCalendarDay(text: string): boolean {
  return calendarDay.safeParse(text).success;
}

/** An indicator value: any finite number (a figure too large for a double reads as Infinity, which no statistic survives). */
export const indicatorValue = z.number();

export function isIndicatorValue(value: number): boolean {
  return Number.isFinite(value);
}
