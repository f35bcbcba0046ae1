/**
 * Turns what a user typed into an FTS5 query: every word must occur, each as a prefix ("läx" finds
 * "läxhjälp"). Words are quoted, so FTS5 operators and punctuation in the text are never syntax.
 * Returns null when nothing searchable is left.
 */
export function ftsQuery(text: string): string | null {
  const words = text.normalize('NFC').match(/[\p{L}\p{N}]+/gu);
  if (!words) return null;
  return words.map((word) => `"${word}"*`).join(' ');
}
