import type { Database } from 'better-sqlite3';
import { ORDINANCE_2018_151 } from '../../store/reference-geography';
import type { DemoCalendar } from './demo-calendar';
import type { Random } from './random';

export interface Municipality {
  code: string;
  name: string;
  countyCode: string;
  designated: boolean;
  /** Stands in for population when choosing who applies: larger towns apply more often. */
  weight: number;
  /** Latent socio-economic disadvantage; drives both the indicators and the grant decisions. */
  disadvantage: number;
}

export interface County {
  code: string;
  name: string;
}

export interface DemoWorld {
  municipalities: Municipality[];
  counties: County[];
  designationId: number;
  calendar: DemoCalendar;
}

/** Reads the reference geography already in the store and gives each municipality its hidden traits. */
export function loadWorld(db: Database, random: Random, calendar: DemoCalendar): DemoWorld {
  const designation = db.prepare('SELECT id FROM designations WHERE name = ?').get(ORDINANCE_2018_151) as
    | { id: number }
    | undefined;
  if (!designation) throw new Error('The reference designation list is missing from the store');
  const designated = new Set(
    (
      db.prepare('SELECT geo_code FROM designation_members WHERE designation_id = ?').all(designation.id) as {
        geo_code: string;
      }[]
    ).map((row) => row.geo_code),
  );
  const counties = db
    .prepare("SELECT code, name FROM geographies WHERE level = 'county' ORDER BY code")
    .all() as County[];
  const rows = db
    .prepare("SELECT code, name, parent_code AS countyCode FROM geographies WHERE level = 'municipality' ORDER BY code")
    .all() as { code: string; name: string; countyCode: string }[];
  const municipalities = rows.map((row) => {
    const isDesignated = designated.has(row.code);
    // In the official numbering, codes ending 80-84 are the county's main towns.
    const mainTown = /8[0-4]$/.test(row.code);
    return {
      ...row,
      designated: isDesignated,
      weight: isDesignated ? 6 : mainTown ? 3 : 1,
      disadvantage: random.normal() * 0.8 + (isDesignated ? 1.3 : 0),
    };
  });
  return { municipalities, counties, designationId: designation.id, calendar };
}
