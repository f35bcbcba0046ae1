import type { Database } from 'better-sqlite3';
import { importFields, type ImportField, type RowUpdate } from '../../contract/calls';
import type { AuditValue, Edit, FieldChange } from '../../domain/audit';
import { statement } from '../../store/statement-cache';

// What an import changes in a row it updates, told in the file's fields rather than the store's
// columns: the row writers already log every change to the audit log, so the same records, caught
// per row, are the diff (nothing is compared twice, and nothing changes that is not shown).

type Lookup = (db: Database, value: AuditValue) => AuditValue;

const byCode: Lookup = (db, code) => (code === null ? null : ((statement(db, 'SELECT name FROM geographies WHERE code = ?').pluck().get(code) as string | undefined) ?? code));
const yearOfCall: Lookup = (db, id) => (id === null ? null : ((statement(db, 'SELECT year FROM grant_calls WHERE id = ?').pluck().get(id) as number | undefined) ?? null));
const organisationOf: Lookup = (db, id) => {
  if (id === null) return null;
  const found = statement(db, 'SELECT name, org_number FROM organisations WHERE id = ?').get(id) as { name: string; org_number: string | null } | undefined;
  return found ? (found.org_number ? `${found.name} (${found.org_number})` : found.name) : null;
};

/** Each logged column as the field a file names, and how its stored value reads. */
const fieldOf: Record<string, Record<string, { field: ImportField; value?: Lookup }>> = {
  applications: {
    title: { field: 'title' },
    summary: { field: 'summary' },
    stage: { field: 'stage' },
    status: { field: 'status' },
    municipality_code: { field: 'municipality', value: byCode },
    call_id: { field: 'callYear', value: yearOfCall },
    organisation_id: { field: 'organisation', value: organisationOf },
    first_year: { field: 'firstYear' },
    last_year: { field: 'lastYear' },
    requested_ore: { field: 'requestedOre' },
    includes_evaluation: { field: 'includesEvaluation' },
    evaluation_ore: { field: 'evaluationOre' },
    received_on: { field: 'receivedOn' },
  },
  organisations: {
    name: { field: 'organisation' },
    type: { field: 'applicantType' },
    municipality_code: { field: 'municipality', value: byCode },
    county_code: { field: 'county', value: byCode },
  },
  decisions: {
    granted_ore: { field: 'grantedOre' },
    decided_on: { field: 'decidedOn' },
    conditions: { field: 'conditions' },
  },
};

/** An edit that also keeps the changes of the row being imported, for `describe`. */
export class RowChanges implements Edit {
  private changes: FieldChange[] = [];

  constructor(
    private readonly db: Database,
    private readonly edit: Edit,
  ) {}

  get id(): number {
    return this.edit.id;
  }

  record(change: FieldChange): void {
    this.changes.push(change);
    this.edit.record(change);
  }

  /** Forgets the last row's changes: call before each row. */
  nextRow(): void {
    this.changes = [];
  }

  /** The last row's changes as fields; a decision made by the row is its granted amount, from none. */
  describe(row: number, key: string): RowUpdate {
    const changes: RowUpdate['changes'] = [];
    for (const change of this.changes) {
      if (change.field === null) {
        if (change.table === 'decisions') changes.push({ field: 'grantedOre', before: null, after: change.newValue });
        continue;
      }
      const known = fieldOf[change.table]?.[change.field];
      if (!known) continue;
      const read = known.value ?? ((_db: Database, value: AuditValue) => value);
      changes.push({ field: known.field, before: read(this.db, change.oldValue), after: read(this.db, change.newValue) });
    }
    // In the order of the mapping table, whatever order the writers logged them in.
    changes.sort((a, b) => importFields.indexOf(a.field) - importFields.indexOf(b.field));
    return { row, key, changes, movesApplicant: this.changes.some((change) => change.table === 'applications' && change.field === 'organisation_id') };
  }
}
