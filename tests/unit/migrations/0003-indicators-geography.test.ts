import { describe, expect, it } from 'vitest';
import { useMigrationStore } from '../../support/migrations';

const store = useMigrationStore();

describe('migration 0003-indicators-geography', () => {
  it('keeps every indicator value, now as series and points behind a view of the same name, and adds the catalogue', () => {
    const old = store.at(2);
    old.exec(`INSERT INTO indicators (code, name_sv, name_en, unit, source, higher_is_better)
                VALUES ('EGEN1', 'Egen indikator', 'Own indicator', '%', 'Kommunen', 1)`);
    const put = old.prepare('INSERT INTO indicator_values (indicator_code, geo_code, period, sex, value) VALUES (?, ?, ?, ?, ?)');
    for (const [geo, period, sex, value] of [
      ['1280', 2020, 'T', 7.5],
      ['1280', 2020, 'K', 7.1],
      ['1280', 2021, 'T', 7.25],
      ['0180', 2021, 'M', 3],
      ['00', 2021, 'T', 6.5],
    ] as const) {
      put.run('EGEN1', geo, period, sex, value);
    }
    const values = old.prepare('SELECT indicator_code, geo_code, period, sex, value FROM indicator_values ORDER BY 1, 2, 3, 4').all();

    const db = store.at(3);
    expect(db.prepare('SELECT indicator_code, geo_code, period, sex, value FROM indicator_values ORDER BY 1, 2, 3, 4').all()).toEqual(values);
    expect(db.prepare('SELECT count(*) FROM indicator_values WHERE import_id IS NOT NULL').pluck().get()).toBe(0);
    // One series per indicator, place and sex.
    expect(db.prepare('SELECT count(*) FROM indicator_series').pluck().get()).toBe(4);
    expect(db.prepare("SELECT type FROM sqlite_master WHERE name = 'indicator_values'").pluck().get()).toBe('view');
    // The user's indicator keeps its row and gets the defaults of the new columns; the catalogue comes in beside it.
    expect(db.prepare("SELECT name_sv, sexes <> '' AS sexes, levels <> '' AS levels FROM indicators WHERE code = 'EGEN1'").get()).toEqual({ name_sv: 'Egen indikator', sexes: 1, levels: 1 });
    expect(db.prepare("SELECT count(*) FROM indicators WHERE code IN ('N00914', 'AM0207AC', 'UF0506EG', 'ME0104KF', 'HE0110MI', 'OJI', 'OMRT12')").pluck().get()).toBe(7);
    // A changed value keeps the earlier figure.
    db.prepare("UPDATE indicator_values SET value = 8 WHERE indicator_code = 'EGEN1' AND geo_code = '1280' AND period = 2020 AND sex = 'T'").run();
    expect(db.prepare('SELECT value FROM indicator_value_history').pluck().all()).toEqual([7.5]);
    // Places: the geographies, and statistical areas once there are any.
    expect(db.prepare("SELECT count(*) FROM places WHERE level IN ('country', 'county', 'municipality')").pluck().get()).toBe(
      db.prepare('SELECT count(*) FROM geographies').pluck().get(),
    );
  });
});
