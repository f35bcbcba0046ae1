import type { RejectedRow, RejectParams } from '../contract/domains/imports';
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
