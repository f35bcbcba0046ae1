import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateDemo } from '../../main/services/demo/generate-demo';
import { overview } from '../../main/services/overview';
import { openStore } from '../../main/store/open-store';
import { resourcesDir, useTempDir } from '../support/temp-dir';
import { DEMO_BASE_DAY } from '../../main/services/demo/demo-calendar';

const tempDir = useTempDir();

describe('the overview', () => {
  it('is all zeros for an empty store', () => {
    const store = openStore(join(tempDir(), 'empty.sqlite'), { resourcesDir });
    const result = overview(store);
    expect(result.totals.applications).toBe(0);
    expect(result.totals.grantedOre).toBe(0);
    expect(result.byYear).toEqual([]);
    store.close();
  });

  it('adds up to the rows in the store, a year’s budget counted once however many applications it has', () => {
    const store = openStore(join(tempDir(), 'demo.sqlite'), { resourcesDir });
    generateDemo({ store, progress: () => {} }, { seed: 3, scale: 1, today: DEMO_BASE_DAY });
    const result = overview(store);
    const sum = (key: 'applications' | 'granted' | 'grantedOre' | 'requestedOre') =>
      result.byYear.reduce((total, row) => total + row[key], 0);
    expect(sum('applications')).toBe(result.totals.applications);
    expect(sum('granted')).toBe(result.totals.granted);
    expect(sum('grantedOre')).toBe(result.totals.grantedOre);
    expect(sum('requestedOre')).toBe(result.totals.requestedOre);
    expect(result.byYear.find((row) => row.year === 2021)?.budgetOre).toBe(250_000_000_00);
    const byType = result.byApplicantType.reduce((total, row) => total + row.applications, 0);
    expect(byType).toBe(result.totals.applications);
    store.close();
  });
});
