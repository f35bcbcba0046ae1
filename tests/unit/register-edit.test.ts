import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { ExportArgs } from '../../main/contract/calls';
import { applicationColumns, exportArgs } from '../../main/contract/calls';
import { swedishHeader } from '../../main/importers/register/column-names';
import { importRegister } from '../../main/importers/register/import-register';
import { generateDemo } from '../../main/services/demo/generate-demo';
import { updateApplication } from '../../main/services/register/application-edit';
import { applicationDetail } from '../../main/services/register/application-detail';
import { lastEdit, undoLastEdit } from '../../main/domain/audit';
import { callBudgets } from '../../main/services/register/call-budget';
import { exportApplications } from '../../main/services/register/export-view';
import { openStore, type Store } from '../../main/store/open-store';
import { resourcesDir, useTempDir } from '../support/temp-dir';
import { localDay } from '../../main/contract/local-day';
import { DEMO_BASE_DAY } from '../../main/services/demo/demo-calendar';

const tempDir = useTempDir();

function demoStore(): Store {
  const store = openStore(join(tempDir(), 'demo.sqlite'), { resourcesDir });
  generateDemo({ store, progress: () => {} }, { scale: 1, seed: 9, today: DEMO_BASE_DAY });
  return store;
}

function firstId(store: Store, status: string): number {
  return store.db.prepare('SELECT id FROM applications WHERE status = ? ORDER BY id LIMIT 1').pluck().get(status) as number;
}

describe('editing an application', () => {
  it('logs each changed field with old and new value, who and when, and the status change with its day', () => {
    const store = demoStore();
    const id = firstId(store, 'in_review');
    const before = applicationDetail(store.db, id);
    const after = updateApplication(store.db, id, { title: 'Ny titel', status: 'granted', requestedOre: before.requestedOre });
    expect(after).toMatchObject({ title: 'Ny titel', status: 'granted' });
    expect(after.statusHistory.at(-1)).toEqual({ status: 'granted', changedOn: localDay() });
    const fields = after.history.map((entry) => [entry.field, entry.oldValue, entry.newValue]);
    expect(fields).toEqual(expect.arrayContaining([['title', before.title, 'Ny titel'], ['status', 'in_review', 'granted']]));
    expect(fields).toHaveLength(2);
    expect(after.history[0]!.madeBy.length).toBeGreaterThan(0);
    store.close();
  });

  it('undoes the user\'s edits newest first, status history included, each undo logged', () => {
    const store = demoStore();
    const id = firstId(store, 'in_review');
    const original = applicationDetail(store.db, id);
    updateApplication(store.db, id, { summary: 'Första ändringen' });
    updateApplication(store.db, id, { status: 'rejected', lastYear: original.firstYear + 1 });
    expect(lastEdit(store.db)).toMatchObject({ rowId: id, fields: ['status', 'last_year'] });
    expect(undoLastEdit(store.db)).toMatchObject({ rowId: id, fields: ['summary'] });
    const undone = applicationDetail(store.db, id);
    expect(undone).toMatchObject({ summary: 'Första ändringen', status: 'in_review', lastYear: original.lastYear });
    expect(undone.statusHistory).toEqual(original.statusHistory);
    expect(undone.history.filter((entry) => entry.action === 'undo').map((entry) => entry.field).sort()).toEqual(['last_year', 'status']);
    expect(undone.history.filter((entry) => entry.undone).length).toBe(2);
    // The user's edits are a stack: undo again takes back the first edit, and then nothing is left.
    expect(undoLastEdit(store.db)).toBeNull();
    expect(applicationDetail(store.db, id)).toMatchObject({ summary: original.summary, status: 'in_review', lastYear: original.lastYear });
    expect(undoLastEdit(store.db)).toBeNull();
    store.close();
  });

  it('reports a rule broken across fields on the field to fix, and saves nothing', () => {
    const store = demoStore();
    const id = firstId(store, 'granted');
    const before = applicationDetail(store.db, id);
    expect(() => updateApplication(store.db, id, { lastYear: before.firstYear - 1 })).toThrowError(
      expect.objectContaining({
        code: 'INVALID_ARGUMENT',
        details: { issues: [{ path: 'changes.lastYear', message: 'The last year is before the first year', code: 'lastYearBeforeFirst', params: {} }] },
      }),
    );
    // The form translates the rule's code, with the values it names, as the import's rejects.
    expect(() => updateApplication(store.db, id, { municipalityCode: '9999' })).toThrowError(
      expect.objectContaining({
        message: 'municipalityCode: "9999" is not a Swedish municipality',
        details: { issues: [expect.objectContaining({ path: 'changes.municipalityCode', code: 'municipalityUnknown', params: { text: '9999' } })] },
      }),
    );
    expect(applicationDetail(store.db, id)).toEqual(before);
    store.close();
  });
});

describe('budget check per call', () => {
  it('flags a call granted over its budget and one whose earmarked share is at risk', () => {
    const store = demoStore();
    expect(callBudgets(store.db).every((row) => !row.overBudget)).toBe(true);
    const call = callBudgets(store.db).find((row) => row.year === 2021)!;
    expect(call.grantedEarmarkedOre).toBeGreaterThan(0);
    expect(call.grantedEarmarkedOre).toBeLessThanOrEqual(call.grantedOre);
    store.db.prepare('UPDATE grant_calls SET budget_ore = ?, earmarked_ore = ? WHERE id = ?').run(call.grantedOre - 1, call.grantedOre - 1, call.callId);
    const flagged = callBudgets(store.db).find((row) => row.callId === call.callId)!;
    expect(flagged).toMatchObject({ overBudget: true, earmarkAtRisk: true });
    store.close();
  });
});

describe('exporting the grid view', () => {
  // The command line's export columns: every column under its usual Swedish header.
  const columns = applicationColumns.map((key) => ({ key, header: swedishHeader(key) }));
  const view = (format: 'csv' | 'xlsx'): ExportArgs =>
    exportArgs.parse({
      fileId: 'f1',
      format,
      columns,
      query: { sort: { column: 'grantedOre', direction: 'desc' }, filters: [{ kind: 'number', column: 'callYear', op: 'ge', value: 2022 }] },
    });

  it.each(['csv', 'xlsx'] as const)('writes exactly the view as %s, and importing that file gives the same rows back', async (format) => {
    const source = demoStore();
    const first = join(tempDir(), `first.${format}`);
    const { rows } = await exportApplications(source.db, first, view(format), () => {});
    expect(rows).toBe(source.db.prepare('SELECT count(*) FROM applications a JOIN grant_calls g ON g.id = a.call_id WHERE g.year >= 2022').pluck().get());

    const target = openStore(join(tempDir(), 'target.sqlite'), { resourcesDir });
    const summary = await importRegister(target.db, first, { kind: 'applications', dryRun: false, strict: false, progress: () => {} });
    expect(summary.rejects).toEqual([]);
    expect(summary.inserted).toBe(rows);
    const second = join(tempDir(), `second.${format}`);
    await exportApplications(target.db, second, view(format), () => {});
    if (format === 'csv') {
      const text = readFileSync(first, 'utf8');
      // Ties in the sort are broken by the stores' own ids, so the same rows may come in another order among equals.
      expect(readFileSync(second, 'utf8').split('\r\n').sort()).toEqual(text.split('\r\n').sort());
      expect(text.startsWith('\uFEFFDiarienummer;Titel;Sökande;Organisationsnummer;Typ;')).toBe(true);
      expect(text).toMatch(/;\d{1,3}(\u00a0\d{3})+\u00a0kr;/);
    } else {
      const read = async (path: string) => {
        const workbook = new ExcelJS.Workbook();
        await workbook.xlsx.readFile(path);
        const values: unknown[] = [];
        workbook.worksheets[0]!.eachRow((row) => values.push(JSON.stringify(row.values)));
        return values.sort();
      };
      expect(await read(second)).toEqual(await read(first));
    }
    // Importing the export into the store it came from changes nothing.
    expect(await importRegister(source.db, first, { kind: 'applications', dryRun: true, strict: false, progress: () => {} })).toMatchObject({
      inserted: 0,
      updated: 0,
      unchanged: rows,
    });
    source.close();
    target.close();
  });

  it.each(['csv', 'xlsx'] as const)('keeps öre through a %s export and an import: nothing changes', async (format) => {
    const source = demoStore();
    const byRequested = exportArgs.parse({ fileId: 'f1', format, columns, query: { sort: { column: 'requestedOre', direction: 'desc' } } });
    // Öre only below the first rows an import samples for the decimal mark, and whole kronor above them.
    const threshold = source.db.prepare('SELECT requested_ore FROM applications ORDER BY requested_ore DESC LIMIT 1 OFFSET 60').pluck().get() as number;
    source.db.prepare('UPDATE applications SET requested_ore = requested_ore + 50 + id % 49 WHERE requested_ore < ? AND id % 2 = 0').run(threshold);
    const withOre = source.db.prepare('SELECT count(*) FROM applications WHERE requested_ore % 100 <> 0').pluck().get() as number;
    expect(withOre).toBeGreaterThan(100);
    const path = join(tempDir(), `ore.${format}`);
    await exportApplications(source.db, path, byRequested, () => {});
    if (format === 'csv') expect(readFileSync(path, 'utf8')).toMatch(/;\d{1,3}(\u00a0\d{3})*,\d{2}\u00a0kr;/);
    expect(await importRegister(source.db, path, { kind: 'applications', dryRun: true, strict: false, progress: () => {} })).toMatchObject({
      rejected: 0,
      updated: 0,
    });
    const target = openStore(join(tempDir(), `ore-target-${format}.sqlite`), { resourcesDir });
    expect(await importRegister(target.db, path, { kind: 'applications', dryRun: false, strict: false, progress: () => {} })).toMatchObject({ rejected: 0 });
    const amounts = (store: Store) => store.db.prepare('SELECT case_number, requested_ore FROM applications ORDER BY case_number').all();
    expect(amounts(target)).toEqual(amounts(source));
    source.close();
    target.close();
  });
});
