import type { ApplicationColumn } from '../../contract/calls';
import type { PagedTable } from '../paging/paged-table';

const organisationOf = (field: string) => `(SELECT ${field} FROM organisations WHERE id = a.organisation_id)`;

/** The applications grid: sortable columns are indexed in 0002-register.sql. */
export const applicationsGrid: PagedTable<ApplicationColumn | 'id'> = {
  base: 'applications a',
  id: 'a.id',
  joins: `LEFT JOIN organisations o ON o.id = a.organisation_id
    LEFT JOIN grant_calls gc ON gc.id = a.call_id
    LEFT JOIN geographies m ON m.code = a.municipality_code
    LEFT JOIN geographies c ON c.code = m.parent_code`,
  columns: {
    id: { sql: 'a.id' },
    caseNumber: { sql: 'a.case_number', sortable: true, filter: { kind: 'text' } },
    title: { sql: 'a.title', sortable: true, filter: { kind: 'text' } },
    organisation: { sql: 'o.name', filter: { kind: 'text', sql: organisationOf('name') } },
    orgNumber: { sql: 'o.org_number', filter: { kind: 'text', sql: organisationOf('org_number') } },
    applicantType: { sql: 'o.type', filter: { kind: 'set', sql: organisationOf('type') } },
    municipality: { sql: 'm.name', filter: { kind: 'text', sql: '(SELECT name FROM geographies WHERE code = a.municipality_code)' } },
    county: {
      sql: 'c.name',
      filter: {
        kind: 'text',
        sql: '(SELECT p.name FROM geographies g JOIN geographies p ON p.code = g.parent_code WHERE g.code = a.municipality_code)',
      },
    },
    callYear: { sql: 'gc.year', filter: { kind: 'number', sql: '(SELECT year FROM grant_calls WHERE id = a.call_id)' } },
    firstYear: { sql: 'a.first_year', sortable: true, filter: { kind: 'number' } },
    lastYear: { sql: 'a.last_year', filter: { kind: 'number' } },
    stage: { sql: 'a.stage', sortable: true, filter: { kind: 'set', broad: true } },
    status: { sql: 'a.status', sortable: true, filter: { kind: 'set', broad: true } },
    requestedOre: { sql: 'a.requested_ore', sortable: true, filter: { kind: 'number' } },
    grantedOre: { sql: 'a.granted_ore', sortable: true, filter: { kind: 'number' } },
    includesEvaluation: { sql: 'a.includes_evaluation', filter: { kind: 'number' } },
    receivedOn: { sql: 'a.received_on', sortable: true, filter: { kind: 'text' } },
  },
  search: 'a.id IN (SELECT rowid FROM applications_fts WHERE applications_fts MATCH ?)',
};

export const applicationKeys = Object.keys(applicationsGrid.columns);

const organisationsGridColumns = {
  id: { sql: 'o.id' },
  name: { sql: 'o.name', sortable: true, filter: { kind: 'text' } },
  orgNumber: { sql: 'o.org_number', filter: { kind: 'text' } },
  type: { sql: 'o.type', filter: { kind: 'set' } },
  municipality: { sql: 'm.name', filter: { kind: 'text', sql: '(SELECT name FROM geographies WHERE code = o.municipality_code)' } },
  county: { sql: 'c.name', filter: { kind: 'text', sql: '(SELECT name FROM geographies WHERE code = o.county_code)' } },
  applications: { sql: '(SELECT count(*) FROM applications x WHERE x.organisation_id = o.id)' },
} satisfies PagedTable['columns'];

export const organisationsGrid: PagedTable = {
  base: 'organisations o',
  id: 'o.id',
  joins: `LEFT JOIN geographies m ON m.code = o.municipality_code
    LEFT JOIN geographies c ON c.code = o.county_code`,
  columns: organisationsGridColumns,
};

export const organisationKeys = Object.keys(organisationsGridColumns);
