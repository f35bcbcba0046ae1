import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Database } from 'better-sqlite3';

const SEXES = ['T', 'K', 'M'] as const;

/** Defines `indicators` made-up indicators (BENCH001, ...) so a large file has enough distinct keys. */
export function defineBenchIndicators(db: Database, indicators: number): string[] {
  const insert = db.prepare(
    "INSERT INTO indicators (code, name_sv, name_en, unit, source, higher_is_better) VALUES (?, ?, ?, '%', 'bench', 1)",
  );
  return Array.from({ length: indicators }, (_, i) => {
    const code = `BENCH${String(i + 1).padStart(3, '0')}`;
    insert.run(code, code, code);
    return code;
  });
}

/** What a made-up values file is written from: `indicators` defined in the store, and every place it knows. */
export function benchValueKeys(db: Database, indicators: number): { indicators: string[]; places: string[] } {
  return {
    indicators: defineBenchIndicators(db, indicators),
    places: db.prepare('SELECT code FROM geographies ORDER BY code').pluck().all() as string[],
  };
}

export type ValueOrder = 'years-outer' | 'key-order';

/**
 * Writes a long-form Swedish CSV (`;`, decimal comma) with exactly `values` values over the given
 * indicators and places, by sex, streamed so it never sits in memory. `years-outer` gives every
 * indicator and place for 1901, then for 1902, ...: the hardest order for the store's key. In
 * `key-order` a place's years follow each other, as Kolada's and PxWeb's exports come.
 */
export async function writeLongCsv(path: string, values: number, indicators: string[], places: string[], order: ValueOrder = 'years-outer'): Promise<void> {
  const out = createWriteStream(path);
  out.write('Indikator;Geografi;År;Kön;Värde\n');
  const perYear = indicators.length * places.length * SEXES.length;
  const years = Math.ceil(values / perYear);
  let lines: string[] = [];
  for (let written = 0; written < values; written++) {
    // The n-th value's key, counted in the chosen order.
    const sex = SEXES[written % 3]!;
    const rest = Math.floor(written / 3);
    const [year, indicator, place] =
      order === 'years-outer'
        ? [1901 + Math.floor(rest / (indicators.length * places.length)), Math.floor(rest / places.length) % indicators.length, rest % places.length]
        : [1901 + (rest % years), Math.floor(rest / years / places.length), Math.floor(rest / years) % places.length];
    const value = ((written * 7919) % 100_000) / 100;
    lines.push(`${indicators[indicator]};${places[place]};${year};${sex};${String(value).replace('.', ',')}`);
    if (lines.length === 10_000) {
      if (!out.write(`${lines.join('\n')}\n`)) await once(out, 'drain');
      lines = [];
    }
  }
  out.end(lines.length > 0 ? `${lines.join('\n')}\n` : '');
  await once(out, 'finish');
}
