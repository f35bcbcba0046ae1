import { join } from 'node:path';
import { generateDemo } from '../../main/services/demo/generate-demo';
import { openStore, type Store } from '../../main/store/open-store';
import { resourcesDir } from './temp-dir';
import { DEMO_BASE_DAY } from '../../main/services/demo/demo-calendar';

export const POPULATION = 'BE0101N1';

/**
 * A demo store with what cross-tabs need beyond the demo: target areas on some applications (one
 * area, two areas of different types, an unclassified or unknown code, free text) and a population
 * indicator for most municipalities and years (a few left out, as a missing figure is).
 */
export function crosstabStore(dir: string, seed = 7): Store {
  const store = openStore(join(dir, 'crosstab.sqlite'), { resourcesDir });
  generateDemo({ store, progress: () => {} }, { scale: 1, seed, today: DEMO_BASE_DAY });
  const { db } = store;
  db.transaction(() => {
    const areasOf = db.prepare("SELECT code FROM stat_areas WHERE kind = 'regso' AND municipality_code = ? ORDER BY code").pluck();
    const withAreas = db
      .prepare('SELECT id, municipality_code FROM applications WHERE municipality_code IN (SELECT municipality_code FROM stat_areas) ORDER BY id')
      .all() as { id: number; municipality_code: string }[];
    const setAreas = db.prepare('UPDATE applications SET target_areas = ? WHERE id = ?');
    withAreas.forEach(({ id, municipality_code }, i) => {
      const areas = areasOf.all(municipality_code) as string[];
      const choice = [
        [areas[0]],
        [areas[0], areas.at(-1)],
        [areas[1], areas[1]],
        ['9999R001'],
        ['Centrum och Norr'],
        [],
      ][i % 6]!;
      setAreas.run(choice.join(i % 2 === 0 ? ',' : '; '), id);
    });
    db.prepare(
      "INSERT INTO indicators (code, name_sv, name_en, unit, source, higher_is_better, sexes, levels) VALUES (?, 'Folkmängd', 'Population', 'antal', 'SCB', 1, 'T', 'country,county,municipality')",
    ).run(POPULATION);
    const insertValue = db.prepare("INSERT INTO indicator_values (indicator_code, geo_code, period, sex, value) VALUES (?, ?, ?, 'T', ?)");
    const municipalities = db.prepare("SELECT code FROM geographies WHERE level = 'municipality' ORDER BY code").pluck().all() as string[];
    municipalities.forEach((code, i) => {
      for (let year = 2018; year <= 2024; year++) {
        if ((i + year) % 17 === 0) continue;
        insertValue.run(POPULATION, code, year, 5_000 + ((i * 7919 + year * 31) % 200_000));
      }
    });
  })();
  return store;
}
