import type { Database } from 'better-sqlite3';
import type { DemoWorld, Municipality } from './demo-world';
import type { Random } from './random';

/** A made-up RegSO: the municipality it lies in and its own hidden disadvantage. */
export interface DemoArea {
  code: string;
  municipality: Municipality;
  disadvantage: number;
}

// Years the demo's RegSOs were classed in (of its base calendar); an area can move between types from one to the next.
const AREA_TYPE_YEARS = [2020, 2023] as const;

// Generic parts of Swedish place names, so demo areas read like areas without being real ones.
const NAME_PARTS = ['Centrum', 'Norr', 'Söder', 'Öster', 'Väster', 'Berga', 'Dalen', 'Hagen', 'Lunden', 'Ängen', 'Backa', 'Strand'];
const DESOS_PER_REGSO = 3;

/** Type 1 (major socio-economic challenges) to 5 (very good conditions), from the hidden disadvantage. */
function areaType(disadvantage: number): number {
  if (disadvantage > 2.2) return 1;
  if (disadvantage > 1.3) return 2;
  if (disadvantage > 0.2) return 3;
  if (disadvantage > -0.8) return 4;
  return 5;
}

/**
 * RegSOs, each of a few DeSOs, in the designated municipalities and the county towns, with an area
 * type per classification year: enough for area-type comparisons and RegSO values in the demo
 * without pretending to be SCB's real areas (their names and codes are made up).
 */
export function insertAreas(db: Database, world: DemoWorld, random: Random): DemoArea[] {
  const insertArea = db.prepare('INSERT INTO stat_areas (code, kind, name, municipality_code, regso_code) VALUES (?, ?, ?, ?, ?)');
  const insertType = db.prepare('INSERT INTO area_types (area_code, year, area_type) VALUES (?, ?, ?)');
  const areas: DemoArea[] = [];
  for (const municipality of world.municipalities) {
    if (municipality.weight < 3) continue;
    const count = municipality.designated ? 8 : 5;
    for (let i = 0; i < count; i++) {
      const code = `${municipality.code}R${String(i + 1).padStart(3, '0')}`;
      // Spread within the municipality: its worst areas are far worse than its average.
      const disadvantage = municipality.disadvantage + 1.6 - (3.2 * i) / (count - 1) + random.normal() * 0.5;
      insertArea.run(code, 'regso', `${municipality.name} ${NAME_PARTS[i % NAME_PARTS.length]}`, municipality.code, null);
      for (let d = 0; d < DESOS_PER_REGSO; d++) {
        // Central-town DeSOs (C), numbered within the municipality, reserve character 0.
        insertArea.run(`${municipality.code}C${String(i * DESOS_PER_REGSO + d + 1).padStart(3, '0')}0`, 'deso', null, municipality.code, code);
      }
      let drifting = disadvantage;
      for (const year of AREA_TYPE_YEARS) {
        insertType.run(code, world.calendar.year(year), areaType(drifting));
        drifting += random.normal() * 0.3 - 0.1;
      }
      areas.push({ code, municipality, disadvantage });
    }
  }
  return areas;
}
