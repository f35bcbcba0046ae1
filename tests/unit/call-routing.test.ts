import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { callNameList } from '../../main/contract/call-names';
import { calls, isShellCall, type ApplicationDetail, type ArgsIn, type BackupEntry, type CallName } from '../../main/contract/calls';
import { unwrap } from '../../main/contract/errors';
import { derivedTables, storeTables, type StoreTable } from '../../main/contract/tables';
import { Services } from '../../main/services/services';
import { squareBoundaries } from '../support/boundaries';
import { repoRoot, resourcesDir, useTempDir } from '../support/temp-dir';

// Each call runs where its `writes` flag sends it: a call that is not marked must work on a
// read-only connection, and what a write call changes must be among the tables it declares.

const tempDir = useTempDir();
const opened: Services[] = [];
afterEach(() => {
  for (const services of opened.splice(0)) services.close();
});

function services(path: string, readOnly = false): Services {
  const made = new Services({ resourcesDir, readOnly });
  made.open(path);
  opened.push(made);
  return made;
}

const query = { sort: null, filters: [], search: '' };
const page = { ...query, after: null, skip: 0, limit: 20 };
const rule = {
  name: 'Hög arbetslöshet',
  combine: 'and' as const,
  conditions: [{ indicator: 'N00914', period: 2022, comparison: '>=' as const, threshold: { kind: 'sd' as const, k: 1 } }],
};

type Example = { [K in CallName]?: ArgsIn<K> };

/** An argument for every call that does not write; a new one without an example fails below. */
function readExamples(file: (name: string) => string): Example {
  return {
    'store.info': {},
    'overview.get': {},
    'indicators.list': {},
    'indicators.places': {},
    'indicators.profile': { geo: '0180', indicators: ['N00914'] },
    'indicators.ranking': { indicator: 'N00914', period: 2022 },
    'indicators.valuesPage': page,
    'indicators.valuesCount': query,
    'indicators.map': { indicator: 'N00914', period: 2022, level: 'municipality' },
    'designation.run': { rule },
    'designation.rules': {},
    'designation.export': { rule, fileId: file('rule.csv'), format: 'csv', headers: { code: 'Kod', name: 'Namn' } },
    'applications.page': page,
    'applications.count': query,
    'applications.get': { id: 1 },
    'organisations.page': page,
    'organisations.count': query,
    'register.lastEdit': {},
    'calls.budget': {},
    'views.list': { grid: 'applications' },
    'import.preview': { fileId: file('applications.csv'), kind: 'applications' },
    'applications.export': { fileId: file('export.csv'), format: 'csv', query, columns: [{ key: 'caseNumber', header: 'Diarienummer' }] },
    'crosstab.run': { rows: ['county', 'year'], cols: ['status'], measures: ['granted_sek', 'approval_rate'] },
    'crosstab.drill': { filters: [{ dimension: 'status', values: ['granted'] }] },
    'crosstab.export': { query: { rows: ['county'], cols: ['year'], measures: ['granted_sek'] }, format: 'xlsx', fileId: file('crosstab.xlsx') },
    'analyses.list': {},
    'analyses.exportFile': { id: 1, fileId: file('analysis.json') },
    'files.writeExport': { fileId: file('chart.svg'), kind: 'svg', data: '<svg xmlns="http://www.w3.org/2000/svg"/>' },
    'evaluation.did': { indicator: 'AM0207AC' },
    'evaluation.status': {},
    'evaluation.grant': { applicationId: 1 },
    'evaluation.dashboard': {},
    'evaluation.attachment': { id: 1 },
    'evaluation.report': { fileId: file('report.html') },
    'backups.list': {},
    'backups.create': {},
    'store.verify': {},
    'exchange.export': { scope: 'all', fileId: file('all.glx'), passphrase: 'korrekt häst batteri' },
  };
}

describe('the calls and where they run', () => {
  it('are named in the plain list the preload exposes, exactly', () => {
    expect([...callNameList].sort()).toEqual(Object.keys(calls).sort());
  });

  it('name only tables the store has', () => {
    const store = services(join(tempDir(), 'tables.sqlite'));
    const db = (store as unknown as { store: { db: Database.Database } }).store.db;
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[])
      .map((row) => row.name)
      .filter((name) => !name.startsWith('applications_fts') && name !== 'schema_migrations' && !(derivedTables as readonly string[]).includes(name));
    expect([...storeTables].sort()).toEqual(tables.sort());
    for (const name of callNameList) expect(calls[name].writes).toBe(calls[name].changes.length > 0);
  });

  it('that do not write are answered on a read-only store', async () => {
    const dir = tempDir();
    const path = join(dir, 'read.sqlite');
    const writer = services(path);
    unwrap(await writer.call('demo.load', { scale: 1 }));
    unwrap(await writer.call('analyses.save', { name: 'Beviljat per län', query: { rows: ['county'], measures: ['granted_sek'] } }));
    const reader = services(path, true);
    copyFileSync(join(repoRoot, 'tests', 'fixtures', 'formats', 'applications-sv.csv'), join(dir, 'applications.csv'));
    const examples = readExamples((name) => reader.registerFile(join(dir, name)).fileId);
    const reads = callNameList.filter((name) => !calls[name].writes && !isShellCall(name));
    for (const name of reads) {
      expect(examples, `an example argument for ${name}`).toHaveProperty([name]);
      const answer = await reader.call(name, examples[name]);
      expect(answer, name).toMatchObject({ ok: true });
    }
    // And the reader really is one: a write fails there.
    expect(await reader.call('views.save', { grid: 'applications', name: 'x', state: '{}' })).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/readonly/i) },
    });
  });
});

describe('what a write declares', () => {
  let writer: Services;
  const changed = new Set<string>();
  const exercised = new Set<CallName>();

  /** Notes, through temporary triggers on the writer's connection, every table a write touches. */
  function watch(db: Database.Database): void {
    db.function('touched', (table: unknown) => {
      changed.add(String(table));
      return null;
    });
    for (const table of storeTables) {
      for (const event of ['INSERT', 'UPDATE', 'DELETE']) {
        db.exec(`CREATE TEMP TRIGGER watch_${table}_${event} AFTER ${event} ON main.${table} BEGIN SELECT touched('${table}'); END`);
      }
    }
  }

  async function write<K extends CallName>(name: K, args: ArgsIn<K>): Promise<unknown> {
    changed.clear();
    exercised.add(name);
    const value = unwrap(await writer.call(name, args));
    const declared = new Set<StoreTable>(calls[name].changes);
    expect([...changed].filter((table) => !declared.has(table as StoreTable)), `${name} changed tables it does not declare`).toEqual([]);
    return value;
  }

  it('covers every table it changes, for every write call', async () => {
    const dir = tempDir();
    writer = services(join(dir, 'write.sqlite'));
    const db = (writer as unknown as { store: { db: Database.Database } }).store.db;
    watch(db);
    const file = (name: string, content?: string) => {
      if (content !== undefined) writeFileSync(join(dir, name), content);
      return writer.registerFile(join(dir, name)).fileId;
    };

    await write('demo.load', { scale: 1 });
    await write('store.markOnboarded', {});
    const view = (await write('views.save', { grid: 'applications', name: 'Mine', state: '{}' })) as { id: number };
    await write('views.delete', { id: view.id });
    await write('designation.save', { rule });
    const analysis = (await write('analyses.save', { name: 'Beviljat per län', query: { rows: ['county'], measures: ['granted_sek'] } })) as { id: number };
    unwrap(await writer.call('analyses.exportFile', { id: analysis.id, fileId: file('analys.json') }));
    await write('analyses.importFile', { fileId: file('analys.json') });
    await write('analyses.delete', { id: analysis.id });
    await write('designation.earmark', { rule, callId: 1 });

    const detail = (await write('applications.update', { id: 1, changes: { title: 'Ny titel' } })) as ApplicationDetail;
    const withReport = (await write('reports.add', { applicationId: 1, entry: { kind: 'final', dueOn: '2025-01-31' } })) as ApplicationDetail;
    const report = withReport.reports.at(-1)!;
    await write('reports.receive', { reportId: report.id, entry: { receivedOn: '2025-01-15' } });
    await write('register.undo', {});
    const decided = (await write('decisions.add', {
      applicationId: detail.id,
      entry: { decidedOn: '2025-03-01', byYear: [{ year: detail.firstYear, grantedOre: 1000 }], conditions: null },
    })) as ApplicationDetail;
    // Paid minus repaid may not pass a decision: the payment goes under the one just made.
    await write('payments.add', {
      applicationId: decided.id,
      entry: { decisionId: decided.decisions.at(-1)!.id, kind: 'payment', paidOn: '2025-02-01', amountOre: 100 },
    });
    await write('register.undo', {});

    const planId = db.prepare('SELECT min(id) FROM evaluation_plans').pluck().get() as number;
    const note = (await write('evaluation.save', { record: 'note', planId, body: 'Intervjuerna är klara.' })) as { id: number };
    await write('evaluation.delete', { record: 'note', id: note.id });

    copyFileSync(join(repoRoot, 'tests', 'fixtures', 'formats', 'applications-sv.csv'), join(dir, 'applications.csv'));
    await write('import.run', { fileId: file('applications.csv'), kind: 'applications' });
    copyFileSync(join(repoRoot, 'tests', 'fixtures', 'formats', 'kolada-values.json'), join(dir, 'kolada.json'));
    await write('indicators.import', { fileId: file('kolada.json'), format: 'kolada' });
    await write('indicators.importDefinitions', {
      fileId: file('definitions.csv', 'Kod;Namn;Engelskt namn;Enhet;Källa;Bättre;Kön;Nivåer\nEGEN01;Trångboddhet;Overcrowding;%;Egen;lägre;TKM;municipality\n'),
    });
    await write('areas.import', { fileId: file('areas.csv', 'Kod;Namn;RegSO;Områdestyp;År\n0180R901;Påhittat;;1;2021\n') });
    await write('boundaries.import', { fileId: file('kommuner.geojson', squareBoundaries(['0180', '1280'])), level: 'municipality' });

    unwrap(await writer.call('exchange.export', { scope: 'all', fileId: file('all.glx'), passphrase: 'korrekt häst batteri' }));
    await write('exchange.import', { fileId: file('all.glx'), passphrase: 'korrekt häst batteri' });

    // A restore replaces the store with a copy: it may change every table.
    const copy = unwrap<BackupEntry | null>(await writer.call('backups.create', {}));
    await write('backups.restore', { from: { backup: copy!.name } });

    // A new write call fails here until it is exercised above.
    expect([...exercised].sort()).toEqual(callNameList.filter((name) => calls[name].writes && !isShellCall(name)).sort());
  });
});
