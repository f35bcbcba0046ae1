import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { bench, describe } from 'vitest';
import { importIndicators } from '../main/importers/indicators/import-indicators';
import { openStore } from '../main/store/open-store';

// How long an indicator CSV with one stray quote takes to be refused, by size: it took 24 s at
// 1 MB and 90 s at 2 MB while each line was added to the open record and its quotes counted
// again. Refusal should grow with the file, as a clean file's reading does (the baseline).

const resourcesDir = join(resolve(import.meta.dirname, '..'), 'resources');
const dir = mkdtempSync(join(tmpdir(), 'grantlens-bench-'));
const store = openStore(join(dir, 'store.sqlite'), { resourcesDir });
const header = 'Indikator;Kommun;År;Kön;Värde\n';
const line = (i: number) => `N00914;0180;${2000 + (i % 100)};T;${i % 97},5\n`;

function write(name: string, megabytes: number, stray: boolean): string {
  const lines = [header];
  let bytes = header.length;
  for (let i = 0; bytes < megabytes * 2 ** 20; i++) {
    const next = stray && i === 1 ? 'N00914;0180;2001;T;"7,1\n' : line(i);
    lines.push(next);
    bytes += next.length;
  }
  const path = join(dir, name);
  writeFileSync(path, lines.join(''));
  return path;
}

const options = { dryRun: true, strict: false, progress: () => {} };
for (const megabytes of [1, 4]) {
  const clean = write(`clean-${megabytes}.csv`, megabytes, false);
  const stray = write(`stray-${megabytes}.csv`, megabytes, true);
  describe(`${megabytes} MB indicator CSV`, () => {
    bench('clean file, dry run (baseline)', async () => {
      await importIndicators(store.db, clean, options);
    }, { iterations: 3 });
    bench('one stray quote, refused', async () => {
      await importIndicators(store.db, stray, options).catch(() => {});
    }, { iterations: 3 });
  });
}
