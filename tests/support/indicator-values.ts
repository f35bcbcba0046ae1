import type { Database } from 'better-sqlite3';

/**
 * Values of AM0207AC (three sexes) and OJI for every country, county and municipality in 2019-2021,
 * and one RegSO value (the store must hold RegSO 0180R001), with many ties (one decimal, a narrow
 * range), so the id must break them for keyset paging to be right. Writes through the
 * `indicator_values` view, so any store from migration 0003 on takes them.
 */
export function putValues(db: Database): void {
  const places = db.prepare("SELECT code FROM places WHERE level <> 'regso' AND level <> 'deso' ORDER BY code").pluck().all() as string[];
  const put = db.prepare('INSERT INTO indicator_values (indicator_code, geo_code, period, sex, value) VALUES (?, ?, ?, ?, ?)');
  let seed = 7;
  const next = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  db.transaction(() => {
    for (const period of [2019, 2020, 2021]) {
      for (const geo of places) {
        for (const sex of ['T', 'K', 'M']) put.run('AM0207AC', geo, period, sex, Math.round(700 + next() * 100) / 10);
        put.run('OJI', geo, period, 'T', Math.round(next() * 50) / 10);
      }
      put.run('AM0207AC', '0180R001', period, 'T', 55.5);
    }
  })();
}

/** putValues, and an import that 2020's values came from, so a migration must carry import ids too. */
export function putImportedValues(db: Database): void {
  putValues(db);
  db.exec("INSERT INTO indicator_imports (id, file_name, format, imported_at) VALUES (1, 'a.csv', 'csv', '2024-01-01')");
  db.exec('UPDATE indicator_points SET import_id = 1 WHERE period = 2020');
}

/** Every value as the `indicator_values` view shows it, in key order. */
export function valuesSnapshot(db: Database): unknown[] {
  return db.prepare('SELECT * FROM indicator_values ORDER BY indicator_code, geo_code, period, sex').all();
}
