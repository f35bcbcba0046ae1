import { readFileSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ANALYSIS_FILE_MAX_BYTES, crosstabQuery, type ArgsIn, type CrosstabResult, type SavedAnalysis } from '../../main/contract/calls';
import { unwrap, type Envelope } from '../../main/contract/errors';
import { Services } from '../../main/services/services';
import { resourcesDir, useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();
const opened: Services[] = [];
afterEach(() => {
  for (const services of opened.splice(0)) services.close();
});

function store(dir: string, name = 'store.sqlite'): Services {
  const services = new Services({ resourcesDir });
  services.open(join(dir, name));
  opened.push(services);
  return services;
}

const byCounty: ArgsIn<'crosstab.run'> = { rows: ['county'], cols: ['year'], measures: ['granted_sek', 'approval_rate'], filters: [{ dimension: 'stage', values: ['plan'] }] };
const byType: ArgsIn<'crosstab.run'> = { rows: ['applicant_type', 'stage'], measures: ['applications'] };

async function ok<T>(envelope: Promise<Envelope<unknown>>): Promise<T> {
  return unwrap<T>(await envelope);
}

describe('saved analyses', () => {
  it('are saved with who and when, listed by name, changed by id, replaced by name, and deleted', async () => {
    const services = store(tempDir());
    const first = await ok<SavedAnalysis>(services.call('analyses.save', { name: 'Beviljat per län', query: byCounty }));
    expect(first).toMatchObject({ name: 'Beviljat per län', query: crosstabQuery.parse(byCounty), createdBy: userInfo().username });
    expect(first.createdAt).toBe(first.updatedAt);
    const second = await ok<SavedAnalysis>(services.call('analyses.save', { name: '  Ansökningar per typ ', query: byType }));
    expect(second.name).toBe('Ansökningar per typ');
    expect((await ok<SavedAnalysis[]>(services.call('analyses.list', {}))).map((a) => a.name)).toEqual(['Ansökningar per typ', 'Beviljat per län']);

    // By name: the same analysis gets the new query ("save as" over an existing one).
    const replaced = await ok<SavedAnalysis>(services.call('analyses.save', { name: 'Beviljat per län', query: byType }));
    expect(replaced).toMatchObject({ id: first.id, query: crosstabQuery.parse(byType), createdAt: first.createdAt });
    // By id: renamed; another's name is refused and nothing changes.
    const renamed = await ok<SavedAnalysis>(services.call('analyses.save', { id: first.id, name: 'Per län', query: byCounty }));
    expect(renamed).toMatchObject({ id: first.id, name: 'Per län', query: crosstabQuery.parse(byCounty) });
    expect(await services.call('analyses.save', { id: first.id, name: 'Ansökningar per typ', query: byType })).toMatchObject({
      ok: false,
      error: { code: 'ANALYSIS_NAME_TAKEN', details: { name: 'Ansökningar per typ' } },
    });
    expect(await services.call('analyses.save', { id: 999, name: 'Ingen', query: byType })).toMatchObject({ ok: false, error: { code: 'ANALYSIS_NOT_FOUND' } });
    // A query the cross-tab schema refuses is never stored.
    expect(await services.call('analyses.save', { name: 'Trasig', query: { rows: ['county', 'county'], measures: ['applications'] } })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENT' },
    });

    expect(await ok(services.call('analyses.delete', { id: second.id }))).toEqual({ deleted: true });
    expect(await ok(services.call('analyses.delete', { id: second.id }))).toEqual({ deleted: false });
    expect((await ok<SavedAnalysis[]>(services.call('analyses.list', {}))).map((a) => a.name)).toEqual(['Per län']);
  });

  it('re-run on the data as it is now through crosstab.run', async () => {
    const services = store(tempDir());
    await ok(services.call('demo.load', { scale: 1 }));
    const saved = await ok<SavedAnalysis>(services.call('analyses.save', { name: 'Beviljat per län', query: byCounty }));
    const [listed] = await ok<SavedAnalysis[]>(services.call('analyses.list', {}));
    expect(await ok<CrosstabResult>(services.call('crosstab.run', listed!.query!))).toEqual(await ok<CrosstabResult>(services.call('crosstab.run', byCounty)));
    expect(listed).toEqual(saved);
  });

  it('read a stored query that no longer passes the schema as null, still listed', async () => {
    const dir = tempDir();
    const services = store(dir);
    const saved = await ok<SavedAnalysis>(services.call('analyses.save', { name: 'Från en nyare version', query: byType }));
    const db = (services as unknown as { store: { db: import('better-sqlite3').Database } }).store.db;
    db.prepare('UPDATE saved_analyses SET query = ? WHERE id = ?').run('{"rows":["neighbourhood"],"measures":["applications"]}', saved.id);
    expect(await ok<SavedAnalysis[]>(services.call('analyses.list', {}))).toEqual([{ ...saved, query: null }]);
    const file = services.registerFile(join(dir, 'x.json'));
    expect(await services.call('analyses.exportFile', { id: saved.id, fileId: file.fileId })).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
  });
});

describe('an analysis share file', () => {
  it('carries format, version, name and query; another store imports it, renaming rather than replacing', async () => {
    const dir = tempDir();
    const here = store(dir, 'here.sqlite');
    const saved = await ok<SavedAnalysis>(here.call('analyses.save', { name: 'Beviljat per län', query: byCounty }));
    const path = join(dir, 'beviljat.json');
    expect(await ok(here.call('analyses.exportFile', { id: saved.id, fileId: here.registerFile(path).fileId }))).toEqual({ name: 'Beviljat per län' });
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ format: 'grantlens.analysis', version: 1, name: 'Beviljat per län', query: crosstabQuery.parse(byCounty) });

    const there = store(dir, 'there.sqlite');
    const fileId = there.registerFile(path).fileId;
    const imported = await ok<SavedAnalysis>(there.call('analyses.importFile', { fileId }));
    expect(imported).toMatchObject({ name: 'Beviljat per län', query: saved.query });
    const again = await ok<SavedAnalysis>(there.call('analyses.importFile', { fileId }));
    const third = await ok<SavedAnalysis>(there.call('analyses.importFile', { fileId }));
    expect([again.name, third.name]).toEqual(['Beviljat per län (2)', 'Beviljat per län (3)']);
    expect((await ok<SavedAnalysis[]>(there.call('analyses.list', {}))).map((a) => a.id)).toEqual([imported.id, again.id, third.id]);
  });

  it('is refused, with the reason and nothing saved, when it is not one, is newer, or was altered', async () => {
    const dir = tempDir();
    const services = store(dir);
    const good = { format: 'grantlens.analysis', version: 1, name: 'Beviljat per län', query: crosstabQuery.parse(byCounty) };
    const cases: [string, string, string][] = [
      ['truncated', JSON.stringify(good).slice(0, 40), 'not_analysis'],
      ['another program’s JSON', JSON.stringify({ type: 'FeatureCollection', features: [] }), 'not_analysis'],
      ['a CSV', 'Län;Beviljat\n01;1000\n', 'not_analysis'],
      ['newer', JSON.stringify({ ...good, version: 2, query: { pivot: true } }), 'newer_version'],
      ['an unknown dimension', JSON.stringify({ ...good, query: { ...good.query, rows: ['county); DROP TABLE applications; --'] } }), 'invalid_content'],
      ['a key of its own', JSON.stringify({ ...good, run: 'rm -rf /' }), 'invalid_content'],
      ['a query key of its own', JSON.stringify({ ...good, query: { ...good.query, sql: 'SELECT 1' } }), 'invalid_content'],
      ['a filter past its bounds', JSON.stringify({ ...good, query: { ...good.query, filters: [{ dimension: 'county', values: Array.from({ length: 401 }, () => '01') }] } }), 'invalid_content'],
      ['an empty name', JSON.stringify({ ...good, name: '   ' }), 'invalid_content'],
      ['too large', JSON.stringify({ ...good, padding: 'x'.repeat(ANALYSIS_FILE_MAX_BYTES) }), 'too_large'],
    ];
    for (const [what, text, reason] of cases) {
      const path = join(dir, `${cases.findIndex((c) => c[0] === what)}.json`);
      writeFileSync(path, text);
      const answer = await services.call('analyses.importFile', { fileId: services.registerFile(path).fileId });
      expect(answer, what).toMatchObject({ ok: false, error: { code: 'ANALYSIS_FILE_INVALID', details: { reason } } });
    }
    expect(await ok<SavedAnalysis[]>(services.call('analyses.list', {}))).toEqual([]);
  });
});
