// Recognising the register's values and headers by their labels, however a file writes them.

export function normalise(text: string): string {
  return text.normalize('NFC').trim().toLowerCase().replace(/[\s_]+/g, ' ');
}

/** Recognises a value by its key or any of its labels, in either language, ignoring case. */
export function recogniser<K extends string>(labels: Record<K, { sv: string[]; en: string[] }>): (text: string) => K | undefined {
  const known = new Map<string, K>();
  for (const [key, { sv, en }] of Object.entries(labels) as [K, { sv: string[]; en: string[] }][]) {
    for (const label of [key, ...sv, ...en]) known.set(normalise(label), key);
  }
  return (text) => known.get(normalise(text));
}
