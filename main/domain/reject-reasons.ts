import type { RejectedRow, RejectParams } from '../contract/domains/imports';
import { rejectReasons, type ParamsOf, type RejectCode } from '../contract/reject-reasons';

function render(code: RejectCode, params: RejectParams): string {
  return rejectReasons[code].replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(params[name]));
}

/** A code with the values it names and the English sentence they make, as the CLI prints it. */
export function codedReason<C extends RejectCode>(code: C, ...params: ParamsOf<C>): { code: C; params: RejectParams; reason: string } {
  const values: RejectParams = params[0] ?? {};
  return { code, params: values, reason: render(code, values) };
}

/** A rejected row as every importer reports it: where, the code and its values, and the English sentence. */
export function rejectedRow<C extends RejectCode>(row: number, field: string | null, code: C, ...params: ParamsOf<C>): RejectedRow {
  return { row, field, ...codedReason(code, ...params) };
}
