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

/** A diarienummer or its beginning (`2021-00012`, `2021-`, `2021/123`): FTS splits these into words, so they are looked up by key. */
const KEY_LIKE = /^\p{L}{0,4}\d+[-/](\d+[-/]?)*$/u;

/** What a user typed, split into key prefixes (case numbers) and the FTS5 query for the other words. */
export function searchTerms(text: string): { keys: string[]; match: string | null } {
  const keys: string[] = [];
  const words: string[] = [];
  for (const token of text.normalize('NFC').split(/\s+/)) {
    if (KEY_LIKE.test(token)) keys.push(token);
    else if (token !== '') words.push(token);
  }
  return { keys, match: ftsQuery(words.join(' ')) };
}

/** The first text after every text starting with `prefix`, for a range an index can seek: `2021-0001` → `2021-0002`. */
export function prefixEnd(prefix: string): string {
  return prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
}
