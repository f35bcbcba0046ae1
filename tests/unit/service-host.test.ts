import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import type { BackupList } from '../../main/contract/domains/backups';
import type { Progress } from '../../main/contract/progress';
import { storeTables, type StoreChange } from '../../main/contract/tables';
import type { WorkerSettings } from '../../main/host/protocol';
import { ServiceHost, type HostOptions } from '../../main/host/service-host';
import { builtFile } from '../support/built';
import { overwritePages } from '../support/damage';
import { resourcesDir, useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();
let host: ServiceHost | undefined;
afterEach(async () => {
  await host?.close();
  host = undefined;
});

function startHost(settings: Omit<WorkerSettings, 'resourcesDir'> = {}, options: HostOptions = {}): ServiceHost {
  host = new ServiceHost(builtFile('main/service-worker.js'), { resourcesDir, ...settings }, options);
  return host;
}

/** Fault injection: a worker thread of the host, the writer or a reader by its place in the pool. */
function threadOf(h: ServiceHost, which: 'writer' | number): Worker {
  const inside = h as unknown as { writer: { worker: Worker }; readers: { thread: { worker: Worker } }[] };
  return which === 'writer' ? inside.writer.worker : inside.readers[which]!.thread.worker;
}

/** Which of the calls answers first; no clock involved. */
function first(calls: Record<string, Promise<unknown>>): Promise<string> {
  return Promise.race(Object.entries(calls).map(([name, answer]) => answer.then(() => name)));
}

const page = { sort: null, filters: [], search: '', after: null, skip: 0, limit: 50 };
// Long enough that only a read stuck behind it could lose a race against it.
const STALL_MS = 20_000;

describe('the worker-thread service host', () => {
  it('opens a store and answers calls, passing progress events through', async () => {
    const h = startHost();
    const opened = await h.open(join(tempDir(), 'host.sqlite'));
    expect(opened).toMatchObject({ ok: true, value: { schemaVersion: expect.any(Number), isEmpty: true } });
    const seen: Progress[] = [];
    const demo = await h.call('demo.load', { scale: 1 }, (p) => seen.push(p));
    expect(demo).toMatchObject({ ok: true, value: { applications: 1504 } });
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((p) => p.call === 'demo.load')).toBe(true);
  });

  it('takes the day\'s backup while a store is open, once a day however often it asks', async () => {
    const h = startHost({}, { dailyBackup: { firstMs: 20, everyMs: 40 } });
    await h.open(join(tempDir(), 'daily.sqlite'));
    const dailies = async () => {
      const listed = await h.call('backups.list', {});
      if (!listed.ok) throw new Error(listed.error.message);
      return (listed.value as BackupList).backups.filter((backup) => backup.reason === 'daily');
    };
    await expect.poll(async () => (await dailies()).length, { timeout: 10_000 }).toBe(1);
    // Asked again several times since; still the one copy of today.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await dailies()).toHaveLength(1);
  });

  it('validates calls inside the worker too', async () => {
    const h = startHost();
    await h.open(join(tempDir(), 'host.sqlite'));
    expect(await h.call('demo.load', { scale: -3 })).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    expect(await h.call('no.such.call', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CALL' } });
  });

  it('reports a refused store as data and keeps serving', async () => {
    const h = startHost();
    const refused = await h.open(join(resourcesDir, 'reference', 'counties.csv'));
    expect(refused).toMatchObject({ ok: false, error: { code: 'STORE_FOREIGN' } });
    expect(await h.call('store.info', {})).toMatchObject({ ok: false, error: { code: 'STORE_UNREADABLE' } });
    expect(await h.open(join(tempDir(), 'ok.sqlite'))).toMatchObject({ ok: true });
  });

  it('stays on a store damaged at the start: every reader lists its backups and names it, and a restore opens it everywhere', async () => {
    const path = join(tempDir(), 'damaged.sqlite');
    const made = startHost();
    await made.open(path);
    await made.call('demo.load', { scale: 1 });
    const backup = await made.call('backups.create', {});
    if (!backup.ok) throw new Error(backup.error.message);
    await made.close();
    overwritePages(path, (pages) => [Math.floor(pages / 2), Math.floor(pages / 2) + 1, pages - 2]);
    const damagedBytes = readFileSync(path);

    const h = startHost();
    const seen: StoreChange[] = [];
    h.onChanges((change) => seen.push(change));
    expect(await h.open(path)).toMatchObject({ ok: false, error: { code: 'STORE_DAMAGED' } });
    // More reads than readers: each of them answers, none from an unchecked read-only open of the file.
    const infos = await Promise.all(Array.from({ length: 4 }, () => h.call('store.info', {})));
    expect(infos).toEqual(Array(4).fill(expect.objectContaining({ ok: false, error: expect.objectContaining({ code: 'STORE_DAMAGED', details: expect.objectContaining({ path }) }) })));
    const lists = await Promise.all(Array.from({ length: 4 }, () => h.call('backups.list', {})));
    for (const list of lists) expect(list).toMatchObject({ ok: true, value: { backups: [{ name: (backup.value as { name: string }).name }] } });
    expect(readFileSync(path).equals(damagedBytes)).toBe(true);
    expect(seen).toEqual([]);

    const restored = await h.call('backups.restore', { from: { backup: (backup.value as { name: string }).name } });
    expect(restored).toMatchObject({ ok: true, value: { safetyCopy: { reason: 'before-restore' }, store: { path } } });
    expect(seen).toEqual([{ tables: [...storeTables] }]);
    const after = await Promise.all(Array.from({ length: 4 }, () => h.call('store.info', {})));
    for (const answer of after) expect(answer).toMatchObject({ ok: true, value: { counts: expect.arrayContaining([{ table: 'applications', rows: 1504 }]) } });
  });

  it('fails the calls in flight when the worker dies, then starts a new one on the same store', async () => {
    const h = startHost();
    const path = join(tempDir(), 'crash.sqlite');
    await h.open(path);
    const running = h.call('demo.load', { scale: 20 });
    // Fault injection: kill the worker thread as a native crash would.
    await threadOf(h, 'writer').terminate();
    expect(await running).toMatchObject({ ok: false, error: { code: 'HOST_UNAVAILABLE' } });
    const [a, b] = await Promise.all([h.call('store.info', {}), h.call('store.info', {})]);
    expect(a).toMatchObject({ ok: true, value: { path, isEmpty: true } });
    expect(b).toMatchObject({ ok: true, value: { path } });
  });
});

describe('the reader pool', () => {
  it('answers a page while a long read runs, and during an import', async () => {
    const h = startHost({ stall: { call: 'applications.count', ms: STALL_MS } });
    await h.open(join(tempDir(), 'pool.sqlite'));
    const long = h.call('applications.count', { sort: null, filters: [], search: '' });
    expect(await first({ page: h.call('applications.page', page), long })).toBe('page');
    const importing = h.call('demo.load', { scale: 5 });
    expect(await first({ page: h.call('applications.page', page), importing })).toBe('page');
    expect(await importing).toMatchObject({ ok: true });
    // The readers read the last commit: the import's rows, now it has committed.
    expect(await h.call('applications.page', page)).toMatchObject({ ok: true, value: { rows: expect.arrayContaining([expect.anything()]) } });
  });

  it('stops a cancelled read: its reader is replaced, the call fails with CANCELLED, the next one is answered', async () => {
    const h = startHost({ stall: { call: 'applications.count', ms: STALL_MS } });
    const path = join(tempDir(), 'cancel.sqlite');
    await h.open(path);
    const controller = new AbortController();
    const long = h.call('applications.count', { sort: null, filters: [], search: '' }, undefined, controller.signal);
    const stuck = threadOf(h, 0);
    const exited = new Promise((resolve) => stuck.once('exit', resolve));
    controller.abort();
    expect(await long).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    await exited;
    expect(threadOf(h, 0)).not.toBe(stuck);
    expect(await h.call('store.info', {})).toMatchObject({ ok: true, value: { path } });
    expect(await h.call('applications.count', { sort: null, filters: [], search: '' }, undefined, AbortSignal.abort())).toMatchObject({
      ok: false,
      error: { code: 'CANCELLED' },
    });
  });

  it('drops a cancelled read that was still waiting for a reader', async () => {
    const h = startHost({ stall: { call: 'applications.count', ms: STALL_MS } });
    await h.open(join(tempDir(), 'queued.sqlite'));
    const query = { sort: null, filters: [], search: '' };
    // Both readers (the default pool) are held.
    void h.call('applications.count', query);
    void h.call('applications.count', query);
    const controller = new AbortController();
    const waiting = h.call('store.info', {}, undefined, controller.signal);
    controller.abort();
    expect(await waiting).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
  });

  it('opens a new store on every reader', async () => {
    const h = startHost();
    const before = join(tempDir(), 'before.sqlite');
    const after = join(tempDir(), 'after.sqlite');
    await h.open(before);
    const reads = () => Promise.all(Array.from({ length: 6 }, () => h.call('store.info', {})));
    expect((await reads()).map((answer) => (answer as { value: { path: string } }).value.path)).toEqual(Array(6).fill(before));
    await h.open(after);
    expect((await reads()).map((answer) => (answer as { value: { path: string } }).value.path)).toEqual(Array(6).fill(after));
  });

  it('replaces a reader that dies', async () => {
    const h = startHost({ stall: { call: 'applications.count', ms: STALL_MS } });
    const path = join(tempDir(), 'reader-crash.sqlite');
    await h.open(path);
    const running = h.call('applications.count', { sort: null, filters: [], search: '' });
    await threadOf(h, 0).terminate();
    expect(await running).toMatchObject({ ok: false, error: { code: 'HOST_UNAVAILABLE' } });
    expect(await h.call('store.info', {})).toMatchObject({ ok: true, value: { path } });
  });

  it('gives every thread the files the user chose, also one started later', async () => {
    const h = startHost();
    const dir = tempDir();
    await h.open(join(dir, 'files.sqlite'));
    await h.call('demo.load', { scale: 1 });
    const out = join(dir, 'out.csv');
    const picked = await h.registerFile(out);
    if (!picked.ok) throw new Error(picked.error.message);
    // A crashed reader's replacement must know the file too.
    await h.call('store.info', {});
    await threadOf(h, 0).terminate();
    const exported = await h.call('applications.export', {
      fileId: picked.value.fileId,
      format: 'csv',
      query: { sort: null, filters: [], search: '' },
      columns: [{ key: 'caseNumber', header: 'Diarienummer' }],
    });
    expect(exported).toMatchObject({ ok: true, value: { rows: 1504 } });
    expect(existsSync(out) && readFileSync(out, 'utf8')).toMatch(/Diarienummer/);
  });

  it('says which tables a write changed, and that opening a store changed them all', async () => {
    const h = startHost();
    const seen: StoreChange[] = [];
    h.onChanges((change) => seen.push(change));
    await h.open(join(tempDir(), 'changes.sqlite'));
    expect(seen).toEqual([{ tables: [...storeTables] }]);
    seen.length = 0;
    await h.call('views.save', { grid: 'applications', name: 'Mine', state: '{}' });
    await h.call('views.save', { grid: 'applications', name: '', state: '{}' });
    await h.call('applications.count', { sort: null, filters: [], search: '' });
    expect(seen).toEqual([{ tables: ['saved_views'] }]);
  });
});
