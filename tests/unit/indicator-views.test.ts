import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importAreas } from '../../main/importers/areas/import-areas';
import { importBoundaries, indicatorMap } from '../../main/services/indicators/boundaries';
import { listIndicators } from '../../main/services/indicators/definitions';
import { profile } from '../../main/services/indicators/profile';
import { ranking } from '../../main/services/indicators/ranking';
import { openStore, type Store } from '../../main/store/open-store';
import { squareBoundaries } from '../support/boundaries';
import { resourcesDir, useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();

function storeWithValues(): Store {
  const store = openStore(join(tempDir(), 'store.sqlite'), { resourcesDir });
  const db = store.db;
  const put = db.prepare('INSERT INTO indicator_values (indicator_code, geo_code, period, sex, value) VALUES (?, ?, ?, ?, ?)');
  for (const [geo, base] of [['0180', 7], ['01', 6], ['00', 5], ['1280', 10], ['0114', 4]] as const) {
    for (const period of [2020, 2021, 2022]) {
      put.run('N00914', geo, period, 'T', base + (period - 2020) / 10);
      put.run('N00914', geo, period, 'K', base - 0.5);
    }
  }
  db.exec(`INSERT INTO stat_areas (code, kind, name, municipality_code) VALUES ('0180R001', 'regso', 'Rinkeby', '0180'), ('0180R002', 'regso', 'Tensta', '0180'), ('0180R003', 'regso', 'Östermalm', '0180');
           INSERT INTO stat_areas (code, kind, name, municipality_code, regso_code) VALUES ('0180C1010', 'deso', NULL, '0180', '0180R001');
           INSERT INTO area_types VALUES ('0180R001', 2021, 1), ('0180R002', 2021, 1), ('0180R003', 2021, 5);`);
  put.run('N00914', '0180R001', 2021, 'T', 20);
  put.run('N00914', '0180R002', 2021, 'T', 16);
  put.run('N00914', '0180R003', 2021, 'T', 2);
  return store;
}

describe('indicator views', () => {
  it('profile: the place with its county, the country and peers, by sex, missing years left out', () => {
    const store = storeWithValues();
    const result = profile(store.db, '0180', ['N00914'], ['T', 'K'], ['1280']);
    expect(result.place).toEqual({ code: '0180', name: 'Stockholm', level: 'municipality' });
    const lines = result.series.map((s) => `${s.role}:${s.geo}:${s.sex}:${s.points.map((p) => p.value).join('/')}`);
    expect(lines).toEqual([
      'self:0180:T:7/7.1/7.2',
      'county:01:T:6/6.1/6.2',
      'country:00:T:5/5.1/5.2',
      'peer:1280:T:10/10.1/10.2',
      'self:0180:K:6.5/6.5/6.5',
      'county:01:K:5.5/5.5/5.5',
      'country:00:K:4.5/4.5/4.5',
      'peer:1280:K:9.5/9.5/9.5',
    ]);
  });

  it('profile of a statistical area compares with the mean of its area type', () => {
    const store = storeWithValues();
    const result = profile(store.db, '0180C1010', ['N00914'], ['T'], []);
    const areaType = result.series.find((s) => s.role === 'areaType')!;
    expect(areaType).toMatchObject({ label: '1', points: [{ period: 2021, value: 18 }] });
    expect(result.series.find((s) => s.role === 'county')!.geo).toBe('01');
  });

  it('compares each year with the RegSOs that had the area type the place had that year', () => {
    const store = storeWithValues();
    // Rinkeby (R001) is type 1 in 2021 and type 2 from 2023; Östermalm (R003) goes from 5 to 2.
    store.db.exec(`INSERT INTO area_types VALUES ('0180R001', 2023, 2), ('0180R002', 2023, 1), ('0180R003', 2023, 2)`);
    const put = store.db.prepare("INSERT INTO indicator_values (indicator_code, geo_code, period, sex, value) VALUES ('N00914', ?, ?, 'T', ?)");
    for (const [geo, period, value] of [['0180R001', 2020, 30], ['0180R002', 2020, 10], ['0180R003', 2020, 1], ['0180R001', 2023, 10], ['0180R002', 2023, 14], ['0180R003', 2023, 4]] as const) {
      put.run(geo, period, value);
    }
    const areaType = profile(store.db, '0180C1010', ['N00914'], ['T'], []).series.find((s) => s.role === 'areaType')!;
    expect(areaType.label).toBe('1 (2021), 2 (2023)');
    // 2020 comes before any classification: the first one (2021) holds. 2023: Rinkeby and Östermalm.
    expect(areaType.points).toEqual([
      { period: 2020, value: 20 },
      { period: 2021, value: 18 },
      { period: 2023, value: 7 },
    ]);
  });

  it('ranking: every municipality with a value, best first by direction; the others listed as missing', () => {
    const store = storeWithValues();
    const result = ranking(store.db, 'N00914', 2022, 'T');
    // Unemployment: lower is better.
    expect(result.rows.map((row) => [row.code, row.value])).toEqual([['0114', 4.2], ['0180', 7.2], ['1280', 10.2]]);
    expect(result.missing).toHaveLength(287);
    expect(listIndicators(store.db).find((i) => i.code === 'N00914')).toMatchObject({ periods: [2020, 2021, 2022], bySex: true, higherIsBetter: false });
  });

  it('maps: without boundaries the values still come; imported GeoJSON is matched on whichever property holds the codes', async () => {
    const store = storeWithValues();
    expect(indicatorMap(store.db, 'N00914', 2021, 'T', 'municipality').boundaries).toBeNull();
    const path = join(tempDir(), 'kommuner.geojson');
    writeFileSync(path, squareBoundaries(['0180', '1280', '0114', '9999']));
    expect(await importBoundaries(store.db, path, 'municipality')).toEqual({ features: 4, matched: 3, unmatched: ['9999'] });
    const map = indicatorMap(store.db, 'N00914', 2021, 'T', 'municipality');
    expect(map.boundaries!.features).toHaveLength(3);
    expect(map.values.find((v) => v.code === '1280')).toEqual({ code: '1280', name: 'Malmö', value: 10.1 });
    expect(map.values.find((v) => v.code === '0114')!.value).toBe(4.1);
    expect(map.values.filter((v) => v.value === null)).toHaveLength(287);
    // A second import of the level replaces the first.
    writeFileSync(path, squareBoundaries(['0180'], 'kommunkod'));
    expect((await importBoundaries(store.db, path, 'municipality')).matched).toBe(1);
    expect(indicatorMap(store.db, 'N00914', 2021, 'T', 'municipality').boundaries!.features).toHaveLength(1);
  });
});

describe('importing statistical areas', () => {
  it('links RegSOs and DeSOs to their municipality, keeps area types per year, and reports bad rows', async () => {
    const store = openStore(join(tempDir(), 'store.sqlite'), { resourcesDir });
    const path = join(tempDir(), 'omraden.csv');
    writeFileSync(
      path,
      [
        'Kod;Namn;RegSO;Områdestyp;År',
        '0180C1010;;0180R001;;',
        '0180R001;Rinkeby;;1;2021',
        '0180R001;Rinkeby;;2;2024',
        '0180R002;Östermalm;;5;2021',
        '9999R001;Ingenstans;;3;2021',
        '0180R002;Östermalm;;5;2021',
        '0180R003;Tensta;;7;2021',
        '0180C1011;;0180R009;;',
      ].join('\n'),
    );
    const summary = await importAreas(store.db, path, { dryRun: false, strict: false });
    expect(summary).toMatchObject({ rows: 8, accepted: 4, rejected: 4, inserted: 4 });
    expect(summary.rejects.map((r) => [r.row, r.code, r.params, r.reason])).toEqual([
      [6, 'areaMunicipalityUnknown', { municipality: '9999', area: '9999R001' }, 'no municipality 9999 for area 9999R001'],
      [7, 'duplicateAreaYear', { area: '0180R002', year: 2021 }, 'a second row for 0180R002 in 2021'],
      [8, 'areaTypeInvalid', { text: '7' }, '"7" is not an area type 1–5'],
      [9, 'regsoUnknown', { code: '0180R009' }, 'RegSO 0180R009 is neither in the file nor in the store'],
    ]);
    expect(store.db.prepare("SELECT code, level, county_code FROM places WHERE code = '0180C1010'").get()).toEqual({ code: '0180C1010', level: 'deso', county_code: '01' });
    expect(store.db.prepare("SELECT year, area_type FROM area_types WHERE area_code = '0180R001' ORDER BY year").all()).toEqual([
      { year: 2021, area_type: 1 },
      { year: 2024, area_type: 2 },
    ]);
    const again = await importAreas(store.db, path, { dryRun: false, strict: false });
    expect(again).toMatchObject({ accepted: 4, inserted: 0, updated: 0, unchanged: 4 });
    const before = store.db.prepare('SELECT count(*) FROM stat_areas').pluck().get();
    const strict = await importAreas(store.db, path, { dryRun: false, strict: true });
    expect(strict.abandoned).toBe(true);
    expect(store.db.prepare('SELECT count(*) FROM stat_areas').pluck().get()).toBe(before);
  });
});
