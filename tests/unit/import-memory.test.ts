import { statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../main/store/open-store';
import { benchValueKeys, writeLongCsv } from '../../bench/indicator-file';
import { grantlensMeasured } from '../support/grantlens-cli';
import { resourcesDir, useTempDir } from '../support/temp-dir';

// Issue 13: "a 200 MB CSV imports with peak resident memory under 600 MB". Measured on the built
// CLI in a child of its own, so the figure is the import's and not the test runner's; the
// register import, some twenty times slower per byte, is measured in bench/ instead.

const tempDir = useTempDir();
const MB = 10 ** 6;
/** Lines of about 28 bytes (`BENCH001;0114;1901;T;123,45`): just over 200 MB. */
const VALUES = 7_400_000;

describe('a 200 MB indicator CSV', () => {
  it('imports every value with a peak resident memory under 600 MB', async () => {
    const dir = tempDir();
    const db = join(dir, 'store.sqlite');
    const store = openStore(db, { resourcesDir });
    const { indicators, places } = benchValueKeys(store.db, 100);
    store.close();
    const file = join(dir, 'values.csv');
    await writeLongCsv(file, VALUES, indicators, places);
    expect(statSync(file).size).toBeGreaterThan(200 * MB);

    const run = await grantlensMeasured([], 'import', 'indicators', file, '--db', db);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`^written: ${VALUES.toLocaleString('sv-SE')} rows, ${VALUES.toLocaleString('sv-SE')} accepted, 0 rejected`));
    expect(run.peakRssBytes).toBeLessThan(600 * MB);
    const after = openStore(db, { resourcesDir });
    expect(after.db.prepare('SELECT count(*) FROM indicator_points').pluck().get()).toBe(VALUES);
    after.close();
  }, 300_000);
});
