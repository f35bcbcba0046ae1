import type { Encoding, Separator } from './tabular-source';

const UTF8_BOM = [0xef, 0xbb, 0xbf];

export function hasUtf8Bom(sample: Uint8Array): boolean {
  return UTF8_BOM.every((byte, i) => sample[i] === byte);
}

/**
 * UTF-8 when the sample decodes as UTF-8 (a BOM settles it at once), otherwise Windows-1252, which
 * is what Excel on Swedish Windows saves as "CSV". A multi-byte character cut off at the end of the
 * sample is not held against UTF-8.
 */
export function detectEncoding(sample: Uint8Array): Encoding {
  if (hasUtf8Bom(sample)) return 'utf-8';
  let end = sample.length;
  // Step back over a possibly incomplete trailing sequence (at most three continuation bytes).
  for (let i = 1; i <= 3 && end - i >= 0; i++) {
    const byte = sample[end - i]!;
    if ((byte & 0xc0) === 0xc0) {
      end -= i;
      break;
    }
    if ((byte & 0x80) === 0) break;
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample.subarray(0, end));
    return 'utf-8';
  } catch {
    return 'windows-1252';
  }
}

/** The separator that occurs most often, outside quotes, in the header line. */
export function detectSeparator(headerLine: string): Separator {
  const counts: Record<Separator, number> = { ';': 0, ',': 0, '\t': 0 };
  let quoted = false;
  for (const char of headerLine) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && char in counts) counts[char as Separator]++;
  }
  const ranked = (Object.keys(counts) as Separator[]).sort((a, b) => counts[b] - counts[a]);
  return counts[ranked[0]!] > 0 ? ranked[0]! : ';';
}
