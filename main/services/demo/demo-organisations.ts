import type { Database } from 'better-sqlite3';
import type { ApplicantType } from '../../contract/calls';
import { formatOrgNumber } from '../org-number';
import type { DemoWorld, Municipality } from './demo-world';
import { WeightedTable, type Random } from './random';

export interface DemoOrganisation {
  id: number;
  type: ApplicantType;
  municipality: Municipality;
}

export interface DemoOrganisations {
  byType: Map<ApplicantType, DemoOrganisation[]>;
  count: number;
}

const associationKinds = [
  'Idrottsföreningen',
  'Kulturföreningen',
  'Föräldraföreningen',
  'Ungdomsföreningen',
  'Kvinnoföreningen',
  'Hyresgästföreningen',
  'Läxhjälpsföreningen',
  'Föreningen Mötesplats',
  'Integrationsföreningen',
  'Fritidsföreningen',
];
const foundationKinds = ['Stiftelsen Framtid', 'Stiftelsen Mötesplats', 'Stiftelsen Unga', 'Stiftelsen Bro'];
export const districts = ['Centrum', 'Norra', 'Södra', 'Östra', 'Västra', 'Parken', 'Backen', 'Dalen', 'Gården', 'Hagen'];

/** "Stockholms län" → "Region Stockholm"; the county names are genitives. */
function regionName(countyName: string): string {
  const base = countyName.replace(/ län$/, '');
  return `Region ${base.endsWith('s') ? base.slice(0, -1) : base}`;
}

function nineDigits(prefix: string, index: number): string {
  return prefix + String(index).padStart(9 - prefix.length, '0');
}

export function insertOrganisations(db: Database, world: DemoWorld, random: Random, scale: number): DemoOrganisations {
  const insert = db.prepare(
    'INSERT INTO organisations (org_number, name, type, municipality_code, county_code) VALUES (?, ?, ?, ?, ?)',
  );
  const byType = new Map<ApplicantType, DemoOrganisation[]>();
  const add = (type: ApplicantType, orgNumber: string, name: string, municipality: Municipality, countyLevel = false) => {
    const result = insert.run(orgNumber, name, type, countyLevel ? null : municipality.code, municipality.countyCode);
    const list = byType.get(type) ?? [];
    list.push({ id: Number(result.lastInsertRowid), type, municipality });
    byType.set(type, list);
  };

  world.municipalities.forEach((m, i) => add('municipality', formatOrgNumber(nineDigits('212000', i)), `${m.name} kommun`, m));
  world.counties.forEach((county, i) => {
    const seat = world.municipalities.find((m) => m.countyCode === county.code)!;
    add('region', formatOrgNumber(nineDigits('232100', i)), regionName(county.name), seat, true);
  });
  const homes = new WeightedTable(
    world.municipalities,
    world.municipalities.map((m) => m.weight),
  );
  for (let i = 0; i < 15; i++) {
    const home = homes.draw(random);
    add('municipal_federation', formatOrgNumber(nineDigits('222000', i)), `Samordningsförbundet ${home.name} ${i + 1}`, home);
  }
  for (let i = 0; i < 300 * scale; i++) {
    const home = homes.draw(random);
    const name = `${random.pick(associationKinds)} ${home.name} ${random.pick(districts)} ${i + 1}`;
    add('non_profit', formatOrgNumber(nineDigits('802', i)), name, home);
  }
  for (let i = 0; i < 30 * scale; i++) {
    const home = homes.draw(random);
    add('foundation', formatOrgNumber(nineDigits('817', i)), `${random.pick(foundationKinds)} i ${home.name} ${i + 1}`, home);
  }
  let count = 0;
  for (const list of byType.values()) count += list.length;
  return { byType, count };
}
