import { guardFormula } from '../domain/formula-guard';

/**
 * Quoted when it holds the separator, a quote or a line break of either kind: a bare `\r`
 * unquoted would end the row in Excel.
 */
function quoted(text: string): string {
  return /[";\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * A text cell of the `;`-separated CSV that Swedish Excel opens; text that starts like a formula
 * (`=`, `+`, `-`, `@`, a tab or a carriage return) gets a leading `'` (see formula-guard.ts).
 */
export function csvCell(text: string): string {
  return quoted(guardFormula(text));
}

/** A figure, already formatted: never prefixed, so that a negative number stays a number. */
export function csvFigure(text: string): string {
  return quoted(text);
}
