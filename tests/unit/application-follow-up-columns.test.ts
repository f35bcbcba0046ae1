import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ApplicationRow, PageRequest } from '../../main/contract/calls';
import { applicationColumns, applicationFilterable, applicationSortable, exportArgs, pageArgs } from '../../main/contract/calls';
import { columnLabels } from '../../main/contract/column-labels';
import { swedishHeader } from '../../main/importers/register/column-names';
import { importRegister } from '../../main/importers/register/import-register';
import { DEMO_BASE_DAY } from '../../main/services/demo/demo-calendar';
import { generateDemo } from '../../main/services/demo/generate-demo';
import { queryPage } from '../../main/services/paging/page-query';
import { exportApplications } from '../../main/services/register/export-view';
import { applicationKeys, applicationsGrid } from '../../main/services/register/register-grids';
import { openStore, type Store } from '../../main/store/open-store';
import { readAllPages } from '../support/pages';
import { resourcesDir, useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();
let store: Store;

beforeAll(() => {
  store = openStore(join(tempDir(), 'follow-up-columns.sqlite'), { resourcesDir });
  generateDemo({ store, progress: () => {} }, { scale: 1, seed: 5, today: DEMO_BASE_DAY });
  return () => store.close();
});

const one = (query: string, ...params: unknown[]) => store.db.prepare(query).pluck().get(...params) as number | undefined;

/** The grid's rows for these applications, read page by page as the grid scrolls. */
function rowsOf(ids: number[]): Map<number, ApplicationRow & { id: number }> {
  const schema = pageArgs(applicationSortable, applicationFilterable);
  const page = (request: Record<string, unknown>) =>
    queryPage<ApplicationRow & { id: number }>(store.db, applicationsGrid, schema.parse(request) as PageRequest, applicationKeys);
  return new Map(readAllPages(page, {}, 500).filter((row) => ids.includes(row.id)).map((row) => [row.id, row]));
}

describe('the applications grid’s paid and next-report columns', () => {
  it('equal paid minus repaid and the earliest outstanding due date, computed apart', () => {
    const repaid = one(`SELECT d.application_id FROM payments p JOIN decisions d ON d.id = p.decision_id WHERE p.kind = 'repayment' ORDER BY d.application_id LIMIT 1`);
    const overdue = one('SELECT application_id FROM reports WHERE received_on IS NULL AND due_on < ? ORDER BY application_id LIMIT 1', DEMO_BASE_DAY);
    const unpaid = one('SELECT id FROM applications WHERE id NOT IN (SELECT application_id FROM decisions) ORDER BY id LIMIT 1');
    const noneDue = one('SELECT id FROM applications WHERE id NOT IN (SELECT application_id FROM reports WHERE received_on IS NULL) ORDER BY id LIMIT 1');
    const several = store.db.prepare('SELECT DISTINCT application_id FROM decisions ORDER BY application_id LIMIT 5').pluck().all() as number[];
    const ids = [repaid, overdue, unpaid, noneDue, ...several].filter((id): id is number => id !== undefined);
    expect(ids).toHaveLength(9);

    const rows = rowsOf(ids);
    for (const id of ids) {
      const payments = store.db
        .prepare('SELECT p.kind, p.amount_ore FROM payments p WHERE p.decision_id IN (SELECT id FROM decisions WHERE application_id = ?)')
        .all(id) as { kind: string; amount_ore: number }[];
      const paid = payments.reduce((sum, p) => sum + (p.kind === 'payment' ? p.amount_ore : -p.amount_ore), 0);
      const due = store.db.prepare('SELECT due_on FROM reports WHERE application_id = ? AND received_on IS NULL ORDER BY due_on LIMIT 1').pluck().get(id) ?? null;
      expect(rows.get(id), `application ${id}`).toMatchObject({ paidOre: paid, nextReportOn: due });
    }
    const withRepayment = rows.get(repaid!)!;
    const paidOnly = one(`SELECT sum(amount_ore) FROM payments WHERE kind = 'payment' AND decision_id IN (SELECT id FROM decisions WHERE application_id = ?)`, repaid);
    expect(withRepayment.paidOre).toBeLessThan(paidOnly!);
    expect(rows.get(overdue!)!.nextReportOn! < DEMO_BASE_DAY).toBe(true);
    expect(rows.get(unpaid!)!.paidOre).toBe(0);
    expect(rows.get(noneDue!)!.nextReportOn).toBeNull();
  });

  it.each(['paidOre', 'nextReportOn'] as const)('reads %s per row by index lookups, never by scanning payments or reports', (column) => {
    const { sql: expr } = applicationsGrid.columns[column];
    const plan = (store.db.prepare(`EXPLAIN QUERY PLAN SELECT ${expr.text} FROM applications a WHERE a.id = ?`).all(...expr.params, 1) as { detail: string }[])
      .map((step) => step.detail)
      .join('\n');
    expect(plan).not.toMatch(/SCAN (p|r|d)\b/);
    expect(plan).not.toMatch(/reports_due/);
    expect(plan).toMatch(column === 'paidOre' ? /SEARCH d USING (COVERING )?INDEX decisions_application[\s\S]*SEARCH p USING INDEX payments_decision/ : /SEARCH r USING INDEX reports_application/);
  });

  it('are not among the importer’s fields: a file that carries them as columns imports the same, changing nothing', async () => {
    const path = join(tempDir(), 'with-follow-up.csv');
    const columns = applicationColumns.map((key) => ({ key, header: swedishHeader(key) }));
    const { rows } = await exportApplications(store.db, path, exportArgs.parse({ fileId: 'f1', format: 'csv', columns, query: {} }), () => {});
    // The same file with the grid's two computed columns added, as a user's spreadsheet might have them.
    const lines = readFileSync(path, 'utf8').split('\r\n');
    const widened = lines.map((line, i) => (line === '' ? line : i === 0 ? `${line};${columnLabels.paidOre.sv};${columnLabels.nextReportOn.sv}` : `${line};1 000 kr;2020-01-31`));
    writeFileSync(path, widened.join('\r\n'));
    const summary = await importRegister(store.db, path, { kind: 'applications', dryRun: true, strict: false, progress: () => {} });
    expect(summary).toMatchObject({ rejected: 0, inserted: 0, updated: 0, unchanged: rows });
  });
});
