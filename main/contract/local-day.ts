/**
 * The user's calendar day as YYYY-MM-DD (Swedish dates are written that way, so sv-SE's format is
 * ISO's). Not the UTC day: from midnight to one or two in the morning in Sweden that is yesterday.
 */
export function localDay(date: Date = new Date()): string {
  return date.toLocaleDateString('sv-SE');
}
