/**
 * A cell of the `;`-separated CSV that Swedish Excel opens, quoted when it holds the separator, a
 * quote or a line break of either kind: a bare `\r` unquoted would end the row in Excel.
 */
export function csvCell(text: string): string {
  return /[";\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
