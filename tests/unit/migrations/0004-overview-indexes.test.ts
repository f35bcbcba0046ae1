import { describe, expect, it } from 'vitest';
import { putRegisterRows, rowsOf, schemaObjects, useMigrationStore } from '../../support/migrations';

const store = useMigrationStore();

const indexColumns = (db: ReturnType<typeof store.at>, index: string) =>
  db.prepare('SELECT name FROM pragma_index_info(?) ORDER BY seqno').pluck().all(index);

describe('migration 0004-overview-indexes', () => {
  it('replaces the call and organisation indexes by ones that hold the sums, and changes no row', () => {
    const old = store.at(3);
    putRegisterRows(old);
    const applications = rowsOf(old, 'applications');
    const otherTables = schemaObjects(old).filter((object) => object.type === 'table');

    const db = store.at(4);
    expect(rowsOf(db, 'applications')).toEqual(applications);
    expect(schemaObjects(db).filter((object) => object.type === 'table')).toEqual(otherTables);
    expect(indexColumns(db, 'applications_call')).toEqual([]);
    expect(indexColumns(db, 'applications_organisation')).toEqual([]);
    expect(indexColumns(db, 'applications_call_money')).toEqual(['call_id', 'status', 'requested_ore', 'granted_ore']);
    expect(indexColumns(db, 'applications_organisation_money')).toEqual(['organisation_id', 'status', 'granted_ore']);
    // The overview's sums by call (main/services/overview.ts) are read from the index alone.
    const plan = db
      .prepare(
        `EXPLAIN QUERY PLAN SELECT count(a.call_id), sum(a.status = 'granted'), sum(a.requested_ore), sum(a.granted_ore)
           FROM grant_calls c LEFT JOIN applications a ON a.call_id = c.id GROUP BY c.id`,
      )
      .all() as { detail: string }[];
    expect(plan.map((step) => step.detail).join('\n')).toMatch(/COVERING INDEX applications_call_money/);
  });
});
