import { applicationFollowUpColumns, applicationSortable, organisationSortable } from '../../contract/calls';
import type { ApplicationCell, ApplicationGridColumn, applicationFilterable, organisationColumns, organisationFilterable } from '../../contract/calls';
import { cellApplicationIds } from '../../domain/crosstab/drill';
import { sql, sqlIdentifier } from '../../store/sql';
import { prefixEnd } from '../paging/fts-query';
import type { Scope } from '../paging/page-query';
import type { PagedTable } from '../paging/paged-table';

const organisationFields = ['name', 'org_number', 'type'] as const;
const organisationOf = (field: (typeof organisationFields)[number]) =>
  sql`(SELECT ${sqlIdentifier(field, organisationFields)} FROM organisations WHERE id = a.organisation_id)`;

/** The applications grid: sortable columns are indexed in 0002-register.sql. */
export const applicationsGrid: PagedTable<ApplicationGridColumn | 'id', (typeof applicationSortable)[number], (typeof applicationFilterable)[number]> = {
  base: sql`applications a`,
  id: sql`a.id`,
  joins: sql`LEFT JOIN organisations o ON o.id = a.organisation_id
    LEFT JOIN grant_calls gc ON gc.id = a.call_id
    LEFT JOIN geographies m ON m.code = a.municipality_code
    LEFT JOIN geographies c ON c.code = m.parent_code`,
  columns: {
    id: { sql: sql`a.id` },
    caseNumber: { sql: sql`a.case_number`, filter: { kind: 'text' } },
    title: { sql: sql`a.title`, filter: { kind: 'text' } },
    organisation: { sql: sql`o.name`, filter: { kind: 'text', sql: organisationOf('name') } },
    orgNumber: { sql: sql`o.org_number`, filter: { kind: 'text', sql: organisationOf('org_number') } },
    applicantType: { sql: sql`o.type`, filter: { kind: 'set', sql: organisationOf('type') } },
    municipality: { sql: sql`m.name`, filter: { kind: 'text', sql: sql`(SELECT name FROM geographies WHERE code = a.municipality_code)` } },
    county: {
      sql: sql`c.name`,
      filter: {
        kind: 'text',
        sql: sql`(SELECT p.name FROM geographies g JOIN geographies p ON p.code = g.parent_code WHERE g.code = a.municipality_code)`,
      },
    },
    callYear: { sql: sql`gc.year`, filter: { kind: 'number', sql: sql`(SELECT year FROM grant_calls WHERE id = a.call_id)` } },
    firstYear: { sql: sql`a.first_year`, filter: { kind: 'number' } },
    lastYear: { sql: sql`a.last_year`, filter: { kind: 'number' } },
    stage: { sql: sql`a.stage`, filter: { kind: 'set', broad: true } },
    status: { sql: sql`a.status`, filter: { kind: 'set', broad: true } },
    requestedOre: { sql: sql`a.requested_ore`, filter: { kind: 'number' } },
    grantedOre: { sql: sql`a.granted_ore`, filter: { kind: 'number' } },
    includesEvaluation: { sql: sql`a.includes_evaluation`, filter: { kind: 'number' } },
    receivedOn: { sql: sql`a.received_on`, filter: { kind: 'text' } },
    // Per shown row, through decisions_application and payments_decision.
    paidOre: {
      sql: sql`(SELECT coalesce(sum(CASE p.kind WHEN 'repayment' THEN -p.amount_ore ELSE p.amount_ore END), 0)
        FROM decisions d JOIN payments p ON p.decision_id = d.id WHERE d.application_id = a.id)`,
    },
    // Through reports_application: the unary + keeps SQLite from walking reports_due's every
    // outstanding report (of all applications) to find this one's earliest.
    nextReportOn: { sql: sql`(SELECT min(r.due_on) FROM reports r WHERE r.application_id = a.id AND +r.received_on IS NULL)` },
  },
  sortable: applicationSortable,
  search: (match) => sql`a.id IN (SELECT rowid FROM applications_fts WHERE applications_fts MATCH ${match})`,
  keySearch: (prefix) => sql`a.case_number >= ${prefix} AND a.case_number < ${prefixEnd(prefix)}`,
};

export const applicationKeys = Object.keys(applicationsGrid.columns);

/**
 * A view of the applications grid narrowed to a cross-tab cell: its applications as the engine
 * that counts the cell finds them, so the grid shows exactly the cell's count.
 */
export function applicationScope(query: { crosstabCell: ApplicationCell }): Scope {
  return query.crosstabCell.length === 0 ? [] : [sql`a.id IN (${cellApplicationIds(query.crosstabCell)})`];
}
/** What an export reads: the stored columns, not the ones computed from payments and reports. */
export const exportedApplicationKeys = applicationKeys.filter((key) => !(applicationFollowUpColumns as readonly string[]).includes(key));

export const organisationsGrid: PagedTable<(typeof organisationColumns)[number] | 'id', (typeof organisationSortable)[number], (typeof organisationFilterable)[number]> = {
  base: sql`organisations o`,
  id: sql`o.id`,
  joins: sql`LEFT JOIN geographies m ON m.code = o.municipality_code
    LEFT JOIN geographies c ON c.code = o.county_code`,
  columns: {
    id: { sql: sql`o.id` },
    name: { sql: sql`o.name`, filter: { kind: 'text' } },
    orgNumber: { sql: sql`o.org_number`, filter: { kind: 'text' } },
    type: { sql: sql`o.type`, filter: { kind: 'set' } },
    municipality: { sql: sql`m.name`, filter: { kind: 'text', sql: sql`(SELECT name FROM geographies WHERE code = o.municipality_code)` } },
    county: { sql: sql`c.name`, filter: { kind: 'text', sql: sql`(SELECT name FROM geographies WHERE code = o.county_code)` } },
    applications: { sql: sql`(SELECT count(*) FROM applications x WHERE x.organisation_id = o.id)` },
  },
  sortable: organisationSortable,
};

export const organisationKeys = Object.keys(organisationsGrid.columns);
