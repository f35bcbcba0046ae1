import type { Database } from 'better-sqlite3';
import { normalise } from '../../domain/recognise-labels';

/** Municipalities and counties by code or name ("1280", "Malmö", "Malmö kommun"; "12", "Skåne län", "Skåne"). */
export class Geography {
  private readonly municipalities = new Map<string, string>();
  private readonly counties = new Map<string, string>();
  private readonly countyOf = new Map<string, string>();

  constructor(db: Database) {
    const rows = db.prepare("SELECT code, level, name, parent_code FROM geographies WHERE level IN ('county', 'municipality')").all() as {
      code: string;
      level: 'county' | 'municipality';
      name: string;
      parent_code: string | null;
    }[];
    for (const row of rows) {
      if (row.level === 'municipality') {
        for (const key of [row.code, row.name, `${row.name} kommun`, `${row.name} stad`]) this.municipalities.set(normalise(key), row.code);
        if (row.parent_code) this.countyOf.set(row.code, row.parent_code);
      } else {
        for (const key of [row.code, row.name, row.name.replace(/s? län$/, ''), row.name.replace(/ län$/, '')]) {
          this.counties.set(normalise(key), row.code);
        }
      }
    }
  }

  municipality(text: string): string | undefined {
    return this.municipalities.get(normalise(text));
  }

  county(text: string): string | undefined {
    return this.counties.get(normalise(text));
  }

  countyOfMunicipality(code: string): string | null {
    return this.countyOf.get(code) ?? null;
  }
}
