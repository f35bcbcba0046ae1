// Text that Excel would take for a formula when it opens a CSV file: a title or a name from an
// imported file must never run in a reader's Excel (CSV injection). OWASP's advice is a leading `'`.
// The exports add it (main/services/csv-cell.ts) and the CSV reader takes it off again, so that a
// file Grantlens wrote imports back as it was.

const FORMULA_START = /^[=+\-@\t\r]/;
const GUARDED = /^'[=+\-@\t\r]/;

export function guardFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

export function unguardFormula(text: string): string {
  return GUARDED.test(text) ? text.slice(1) : text;
}
