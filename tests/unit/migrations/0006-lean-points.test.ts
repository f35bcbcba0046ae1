import { describe, expect, it } from 'vitest';
import { putImportedValues, putValues, valuesSnapshot } from '../../support/indicator-values';
import { useMigrationStore } from '../../support/migrations';

const store = useMigrationStore();

describe('migration 0006-lean-points', () => {
  // From 0004, so a store that never had 0005 goes through both on the way to 0006.
  it('keeps every value of a 0004 store with its import, leaves the values lean, and the triggers work', () => {
    const old = store.at(4);
    putImportedValues(old);
    const values = valuesSnapshot(old);

    const db = store.at(6);
    expect(valuesSnapshot(db)).toEqual(values);
    // 0006: no place copied onto each value, and none of 0005's three sort indexes.
    expect(db.prepare("SELECT name FROM pragma_table_info('indicator_points') ORDER BY cid").pluck().all()).toEqual([
      'id',
      'series_id',
      'period',
      'value',
      'import_id',
    ]);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'indicator_points'").pluck().all()).toEqual([
      'sqlite_autoindex_indicator_points_1',
    ]);
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'indicator_series_place'").pluck().get()).toBe(1);
    // The view's triggers and the history trigger work on the rebuilt table.
    db.prepare("UPDATE indicator_values SET value = 1, import_id = 1 WHERE indicator_code = 'OJI' AND geo_code = '0180' AND period = 2021").run();
    expect(db.prepare('SELECT count(*) FROM indicator_value_history').pluck().get()).toBe(1);
    db.prepare("INSERT INTO indicator_values (indicator_code, geo_code, period, sex, value, import_id) VALUES ('OJI', '1280', 2022, 'T', 4.5, 1)").run();
    expect(
      db.prepare("SELECT value, import_id FROM indicator_values WHERE indicator_code = 'OJI' AND geo_code = '1280' AND period = 2022 AND sex = 'T'").get(),
    ).toEqual({ value: 4.5, import_id: 1 });
    expect(valuesSnapshot(db)).toHaveLength(values.length + 1);
  });

  it('keeps the row ids 0005 gave the values', () => {
    const old = store.at(5);
    putValues(old);
    const ids = (db: typeof old) => db.prepare('SELECT id, series_id, period, value FROM indicator_points ORDER BY id').all();
    const before = ids(old);
    expect(ids(store.at(6))).toEqual(before);
  });
});
