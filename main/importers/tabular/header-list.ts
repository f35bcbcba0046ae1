const LISTED = 10;
const NAME_CHARS = 40;

/**
 * A file's column names for a sentence that says what was found: the first ten, each cut at 40
 * characters, and how many more, so a file of 100,000 columns gets a reason, not its header back.
 */
export function headerList(headers: readonly string[]): string {
  const names = headers.slice(0, LISTED).map((name) => (name.length > NAME_CHARS ? `${name.slice(0, NAME_CHARS - 1)}…` : name));
  const more = headers.length - LISTED;
  return more > 0 ? `${names.join(', ')} and ${more} more` : names.join(', ');
}
