// Recognising values, headers and names by their labels, however a file writes them.

export function normalise(text: string): string {
  return text.normalize('NFC').trim().toLowerCase().replace(/[\s_]+/g, ' ');
}

/**
 * A name as people write it in different files, folded so they compare equal: "Arbetslöshet 16–64 år
 * (%)" and "arbetslöshet 16-64 år" alike. Case, spaces and punctuation go; letters and digits stay.
 */
export function foldName(text: string): string {
  return normalise(text)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * A place's name without what files add or leave out around it: a code in front ("0180 Stockholm"),
 * "kommun", "stad", "län" or "Region" ("Malmö kommun", "Stockholms län", "Region Skåne"), and the
 * genitive s before "län" ("Sverige" is "Riket"), so a file's label and the store's name for the same code compare equal.
 */
export function foldPlaceName(text: string): string {
  return foldName(text)
    .replace(/^\d+ /, '')
    .replace(/^(region|hela) /, '')
    .replace(/ (kommun|stad|län|region|municipality|county)$/, '')
    .replace(/^(sverige|sweden)$/, 'riket')
    .replace(/s$/, '');
}

/** Recognises a value by its key or any of its labels, in either language, ignoring case. */
export function recogniser<K extends string>(labels: Record<K, { sv: string[]; en: string[] }>): (text: string) => K | undefined {
  const known = new Map<string, K>();
  for (const [key, { sv, en }] of Object.entries(labels) as [K, { sv: string[]; en: string[] }][]) {
    for (const label of [key, ...sv, ...en]) known.set(normalise(label), key);
  }
  return (text) => known.get(normalise(text));
}
