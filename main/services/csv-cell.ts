/** A field of the app's `;`-separated CSV exports, quoted only when it holds a separator, a quote or a line break. */
export function csvCell(text: string): string {
  return /[;"\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
