/**
 * Quoted when it holds the separator, a quote or a line break of either kind: a bare `\r`
 * unquoted would end the row in Excel.
 */
function quoted(text: string): string {
  return /[";\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * A text cell of the `;`-separated CSV that Swedish Excel opens. Text that starts like a formula
 * (`=`, `+`, `-`, `@`, a tab or a carriage return) gets a leading `'`, as OWASP advises against
 * CSV injection: a title or a name from an imported file must never run in the reader's Excel.
 */
export function csvCell(text: string): string {
  return quoted(/^[=+\-@\t\r]/.test(text) ? `'${text}` : text);
}

/** A figure, already formatted: never prefixed, so that a negative number stays a number. */
export function csvFigure(text: string): string {
  return quoted(text);
}
