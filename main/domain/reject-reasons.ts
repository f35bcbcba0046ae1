import { HOPELESS_AFTER_ROWS, MAX_LISTED_REJECTS, type ImportSummary, type RejectedRow, type RejectParams } from '../contract/domains/imports';
import { AppError } from '../contract/errors';
import { rejectReasons, type ParamsOf, type RejectCode } from '../contract/reject-reasons';

function render(code: RejectCode, params: RejectParams): string {
  return rejectReasons[code].replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(params[name]));
}

/** The most characters of a cell a reason quotes: a reason names the cell, it does not repeat a megabyte of it. */
export const MAX_QUOTED_CHARS = 80;

function clipped(values: RejectParams): RejectParams {
  const long = Object.entries(values).filter(([, value]) => typeof value === 'string' && value.length > MAX_QUOTED_CHARS);
  if (long.length === 0) return values;
  const copy = { ...values };
  for (const [name, value] of long) copy[name] = `${(value as string).slice(0, MAX_QUOTED_CHARS - 1)}…`;
  return copy;
}

/** A code with the values it names and the English sentence they make, as the CLI prints it. */
export function codedReason<C extends RejectCode>(code: C, ...params: ParamsOf<C>): { code: C; params: RejectParams; reason: string } {
  const values = clipped(params[0] ?? {});
  return { code, params: values, reason: render(code, values) };
}

/** A rejected row as every importer reports it: where, the code and its values, and the English sentence. */
export function rejectedRow<C extends RejectCode>(row: number, field: string | null, code: C, ...params: ParamsOf<C>): RejectedRow {
  return { row, field, ...codedReason(code, ...params) };
}

/**
 * Adds a rejected row to an import's counts: listed while fewer than MAX_LISTED_REJECTS are,
 * counted always. Once HOPELESS_AFTER_ROWS rows have been read and each was rejected for one reason
 * (the same code in the same column: a wrong file, mapping or catalogue), nothing later can make
 * the import worth having, so it is refused with that reason rather than read to the end.
 */
export function addReject(counts: Pick<ImportSummary, 'rows' | 'rejected' | 'rejects'>, reject: RejectedRow): void {
  counts.rejected++;
  if (counts.rejects.length < MAX_LISTED_REJECTS) counts.rejects.push(reject);
  if (counts.rows !== HOPELESS_AFTER_ROWS || counts.rejected !== HOPELESS_AFTER_ROWS) return;
  const [first] = counts.rejects;
  if (!first || !counts.rejects.every((each) => each.code === first.code && each.field === first.field)) return;
  throw new AppError(
    'IMPORT_REJECTED',
    `The first ${HOPELESS_AFTER_ROWS} rows were all rejected for one reason, so the import stopped and nothing was written: row ${first.row}${first.field ? ` (${first.field})` : ''}: ${first.reason}`,
    { rows: HOPELESS_AFTER_ROWS, reject: first },
  );
}
