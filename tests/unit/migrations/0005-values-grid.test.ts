import { describe, expect, it } from 'vitest';
import { putImportedValues, valuesSnapshot } from '../../support/indicator-values';
import { useMigrationStore } from '../../support/migrations';

const store = useMigrationStore();

describe('migration 0005-values-grid', () => {
  it('keeps every value with its import, gives each a row id and its place code, and indexes each sort', () => {
    const old = store.at(4);
    putImportedValues(old);
    const values = valuesSnapshot(old);

    const db = store.at(5);
    expect(valuesSnapshot(db)).toEqual(values);
    // Ids follow the key, and every point carries its series' place.
    expect(db.prepare('SELECT count(*) FROM indicator_points p JOIN indicator_series s ON s.id = p.series_id WHERE p.geo_code IS NOT s.geo_code').pluck().get()).toBe(0);
    const ids = db.prepare('SELECT id FROM indicator_points ORDER BY series_id, period').pluck().all() as number[];
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'indicator_points' ORDER BY name").pluck().all()).toEqual([
      'indicator_points_period',
      'indicator_points_place',
      'indicator_points_value',
      'sqlite_autoindex_indicator_points_1',
    ]);
    // The view's insert trigger writes the place code too.
    db.prepare("INSERT INTO indicator_values (indicator_code, geo_code, period, sex, value, import_id) VALUES ('OJI', '1280', 2022, 'T', 4.5, 1)").run();
    expect(db.prepare("SELECT p.geo_code FROM indicator_points p WHERE p.period = 2022").pluck().all()).toEqual(['1280']);
  });
});
