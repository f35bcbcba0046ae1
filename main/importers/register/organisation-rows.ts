import type { Database, Statement } from 'better-sqlite3';
import { statement } from '../../store/statement-cache';
import type { ApplicantType } from '../../contract/calls';
import { FieldProblem } from './parse-fields';
import { given, type Outcome, type RowContext, type RowFields } from './row-outcome';

interface OrganisationRow {
  id: number;
  org_number: string | null;
  name: string;
  type: ApplicantType;
  municipality_code: string | null;
  county_code: string | null;
}

/**
 * Finds an organisation by organisation number (or, without one, by its exact name), creates it
 * when it is new, and brings name, type and, when `withHome`, home municipality and county up to date.
 */
export class OrganisationRows {
  private readonly byNumber: Statement;
  private readonly byName: Statement;
  private readonly insert: Statement;

  constructor(
    private readonly db: Database,
    private readonly context: RowContext,
  ) {
    this.byNumber = statement(db, 'SELECT * FROM organisations WHERE org_number = ?');
    this.byName = statement(db, 'SELECT * FROM organisations WHERE name = ? LIMIT 2');
    this.insert = statement(db, 
      'INSERT INTO organisations (org_number, name, type, municipality_code, county_code) VALUES (?, ?, ?, ?, ?)',
    );
  }

  apply(fields: RowFields, withHome: boolean): { id: number; outcome: Outcome } {
    const { read, geography, edit } = this.context;
    const numberText = given(fields, 'orgNumber');
    const orgNumber = numberText === undefined ? null : read.orgNumber(numberText);
    const name = given(fields, 'organisation');
    const typeText = given(fields, 'applicantType');
    const type = typeText === undefined ? undefined : read.applicantType(typeText);
    const municipalityText = given(fields, 'municipality');
    const municipality = municipalityText === undefined ? undefined : geography.municipality(municipalityText);
    if (municipalityText !== undefined && municipality === undefined) {
      throw new FieldProblem('municipality', 'municipalityUnknown', { text: municipalityText });
    }
    const countyText = given(fields, 'county');
    const county = countyText === undefined ? undefined : geography.county(countyText);
    if (countyText !== undefined && county === undefined) throw new FieldProblem('county', 'countyUnknown', { text: countyText });

    let found: OrganisationRow | undefined;
    if (orgNumber !== null) found = this.byNumber.get(orgNumber) as OrganisationRow | undefined;
    else if (name !== undefined) {
      const named = this.byName.all(name) as OrganisationRow[];
      if (named.length > 1) throw new FieldProblem('organisation', 'organisationNameAmbiguous', { name });
      found = named[0];
    } else throw new FieldProblem('organisation', 'organisationMissing');

    // A region's home is its county; everyone else's is a municipality in one.
    const home = type === 'region' ? null : (municipality ?? null);
    const homeCounty = county ?? (municipality ? geography.countyOfMunicipality(municipality) : null);
    if (!found) {
      if (name === undefined) throw new FieldProblem('organisation', 'newOrganisationNeedsName', { orgNumber: orgNumber ?? '' });
      if (type === undefined) throw new FieldProblem('applicantType', 'newOrganisationNeedsType', { name });
      const id = Number(this.insert.run(orgNumber, name, type, home, homeCounty).lastInsertRowid);
      edit.record({ table: 'organisations', rowId: id, field: null, oldValue: null, newValue: orgNumber ?? name });
      return { id, outcome: 'inserted' };
    }
    const next: Partial<OrganisationRow> = {};
    if (name !== undefined && name !== found.name) next.name = name;
    if (type !== undefined && type !== found.type) next.type = type;
    if (withHome && municipality !== undefined && home !== found.municipality_code) next.municipality_code = home;
    if (withHome && homeCounty !== null && homeCounty !== found.county_code) next.county_code = homeCounty;
    const columns = Object.keys(next) as (keyof OrganisationRow)[];
    if (columns.length === 0) return { id: found.id, outcome: 'unchanged' };
    statement(this.db, `UPDATE organisations SET ${columns.map((c) => `${c} = ?`).join(', ')} WHERE id = ?`).run(...columns.map((c) => next[c]), found.id);
    for (const column of columns) {
      edit.record({ table: 'organisations', rowId: found.id, field: column, oldValue: found[column], newValue: next[column] ?? null });
    }
    return { id: found.id, outcome: 'updated' };
  }
}
