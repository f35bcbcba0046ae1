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

/**
 * Writes a long-form Swedish CSV (`;`, decimal comma) with exactly `values` values over the given
 * indicators and places, by sex, year after year from 1901, streamed so it never sits in memory.
 */
export async function writeLongCsv(path: string, values: number, indicators: string[], places: string[]): Promise<void> {
  const out = createWriteStream(path);
  out.write('Indikator;Geografi;År;Kön;Värde\n');
  let written = 0;
  let lines: string[] = [];
  outer: for (let year = 1901; ; year++) {
    for (const indicator of indicators) {
      for (const place of places) {
        for (const sex of SEXES) {
          if (written === values) break outer;
          const value = ((written * 7919) % 100_000) / 100;
          lines.push(`${indicator};${place};${year};${sex};${String(value).replace('.', ',')}`);
          written++;
          if (lines.length === 10_000) {
            if (!out.write(`${lines.join('\n')}\n`)) await once(out, 'drain');
            lines = [];
          }
        }
      }
    }
  }
  out.end(lines.length > 0 ? `${lines.join('\n')}\n` : '');
  await once(out, 'finish');
}
