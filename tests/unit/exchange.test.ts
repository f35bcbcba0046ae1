import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { ArgsIn, CallName, ExchangeSummary } from '../../main/contract/calls';
import { unwrap, type AppError } from '../../main/contract/errors';
import { validateCall } from '../../main/contract/validate';
import { checkPackageSize, MAX_PACKAGE_BYTES } from '../../main/services/exchange/package';
import { readRecords, recordKinds } from '../../main/services/exchange/records';
import { readValueSeries } from '../../main/services/exchange/values';
import { Services } from '../../main/services/services';
import { chainProblems } from '../../main/store/audit-chain';
import { resourcesDir, useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();
const opened: Services[] = [];
afterEach(() => {
  for (const services of opened.splice(0)) services.close();
});

const secret = 'korrekt häst batteri häftklammer';

function open(path: string): Services {
  const services = new Services({ resourcesDir });
  services.open(path);
  opened.push(services);
  return services;
}

const dbOf = (services: Services) => (services as unknown as { store: { db: Database.Database } }).store.db;

async function call<K extends CallName>(services: Services, name: K, args: ArgsIn<K>): Promise<unknown> {
  return unwrap(await services.call(name, args));
}

/** Two laptops: one store from the demo, and a copy of it that goes its own way. */
async function twoLaptops(): Promise<{ dir: string; a: Services; b: Services }> {
  const dir = tempDir();
  const seed = open(join(dir, 'a.sqlite'));
  await call(seed, 'demo.load', { scale: 1, seed: 11 });
  seed.close();
  copyFileSync(join(dir, 'a.sqlite'), join(dir, 'b.sqlite'));
  return { dir, a: open(join(dir, 'a.sqlite')), b: open(join(dir, 'b.sqlite')) };
}

async function send(from: Services, to: Services, file: string, extra: Partial<ArgsIn<'exchange.import'>> = {}): Promise<ExchangeSummary> {
  await call(from, 'exchange.export', { scope: 'all', fileId: from.registerFile(file).fileId, passphrase: secret });
  return (await call(to, 'exchange.import', { fileId: to.registerFile(file).fileId, passphrase: secret, ...extra })) as ExchangeSummary;
}

/** Every exchanged record's fields and every indicator value with its import, by key: what two stores that converged hold alike. */
function content(services: Services): Map<string, unknown> {
  const db = dbOf(services);
  const records = recordKinds.flatMap((kind) => readRecords(db, kind, { scope: 'all' }).map(({ record }) => [record.key, record.fields] as const));
  const { series, imports } = readValueSeries(db, null);
  const values = series.flatMap(({ indicator, geo, sex, points }) =>
    Array.from({ length: points.length / 3 }, (_, i) => [`${indicator}:${geo}:${sex}:${points[3 * i]}`, [points[3 * i + 1], imports[points[3 * i + 2]!] ?? null]] as const),
  );
  return new Map<string, unknown>([...records, ...values]);
}

const applicationIds = (services: Services) => dbOf(services).prepare('SELECT id FROM applications ORDER BY id LIMIT 3').pluck().all() as number[];
const planId = (services: Services) => dbOf(services).prepare('SELECT min(id) FROM evaluation_plans').pluck().get() as number;
const caseNumber = (services: Services, id: number) => dbOf(services).prepare('SELECT case_number FROM applications WHERE id = ?').pluck().get(id) as string;

describe('exchange packages', () => {
  it('bring two stores edited apart to the same content, exchanged both ways, with the real conflict listed', async () => {
    const { dir, a, b } = await twoLaptops();
    const [first, second, third] = applicationIds(a) as [number, number, number];
    await call(a, 'applications.update', { id: first, changes: { title: 'Titel från A' } });
    await call(a, 'applications.update', { id: second, changes: { summary: 'Sammanfattning från A' } });
    await call(a, 'evaluation.save', { record: 'note', planId: planId(a), body: 'Anteckning från A' });
    // B edits the same title later, and another application A did not touch.
    await new Promise((done) => setTimeout(done, 5));
    await call(b, 'applications.update', { id: first, changes: { title: 'Titel från B' } });
    await call(b, 'applications.update', { id: third, changes: { title: 'Bara B ändrade' } });
    await call(b, 'evaluation.save', { record: 'note', planId: planId(b), body: 'Anteckning från B' });
    expect(content(a)).not.toEqual(content(b));

    // The preview: what the merge would do, nothing written.
    const before = content(b);
    const preview = await send(a, b, join(dir, 'a-1.glx'), { dryRun: true });
    expect(preview).toMatchObject({ dryRun: true, inserted: 1, rejected: [] });
    expect(content(b)).toEqual(before);

    const intoB = await send(a, b, join(dir, 'a-1.glx'));
    expect(intoB).toMatchObject({ dryRun: false, inserted: 1, rejected: [] });
    const titleConflict = intoB.conflicts.find((conflict) => conflict.key === `applications:${caseNumber(a, first)}` && conflict.field === 'title');
    // Both changed the title: listed, and the later edit (B's) kept.
    expect(titleConflict).toMatchObject({ mine: 'Titel från B', theirs: 'Titel från A', taken: 'mine' });

    const intoA = await send(b, a, join(dir, 'b-1.glx'));
    expect(intoA.rejected).toEqual([]);
    expect(content(a)).toEqual(content(b));
    const merged = content(a);
    expect(merged.get(`applications:${caseNumber(a, first)}`)).toMatchObject({ title: 'Titel från B' });
    expect(merged.get(`applications:${caseNumber(a, second)}`)).toMatchObject({ summary: 'Sammanfattning från A' });
    expect(merged.get(`applications:${caseNumber(a, third)}`)).toMatchObject({ title: 'Bara B ändrade' });
    const notes = [...merged.values()].map((fields) => (fields as { body?: string }).body).filter((body) => body?.startsWith('Anteckning från'));
    expect(notes.sort()).toEqual(['Anteckning från A', 'Anteckning från B']);

    // Every merged change is in the audit log, whose chain still holds on both sides.
    for (const services of [a, b]) {
      const db = dbOf(services);
      const logged = db.prepare("SELECT count(*) FROM audit_log l JOIN edits e ON e.id = l.edit_id WHERE e.action = 'import'").pluck().get() as number;
      expect(logged).toBeGreaterThan(0);
      expect(chainProblems(db)).toEqual([]);
    }

    // Once the two have a common base, a change on one side alone is no conflict, and again both ways.
    await call(a, 'applications.update', { id: third, changes: { title: 'A ändrade efter utbytet' } });
    const again = await send(a, b, join(dir, 'a-2.glx'));
    expect(again.conflicts).toEqual([]);
    expect(again.updated).toBe(1);
    await send(b, a, join(dir, 'b-2.glx'));
    expect(content(a)).toEqual(content(b));
  });

  it('converge with values re-imported, a payment added, records deleted and a deletion in conflict', async () => {
    const { dir, a, b } = await twoLaptops();
    // A first exchange both ways: from then on each side knows what the other had.
    await send(a, b, join(dir, 'base-a.glx'));
    await send(b, a, join(dir, 'base-b.glx'));
    expect(content(a)).toEqual(content(b));

    const point = dbOf(a)
      .prepare("SELECT v.indicator_code AS code, v.geo_code AS geo, v.period, v.value FROM indicator_values v JOIN geographies g ON g.code = v.geo_code WHERE g.level = 'municipality' AND v.sex = 'T' LIMIT 1")
      .get() as { code: string; geo: string; period: number; value: number };
    const csv = join(dir, 'values.csv');
    writeFileSync(csv, `Indikator;Kommun;År;Kön;Värde\n${point.code};${point.geo};${point.period};T;${String(point.value + 1.5).replace('.', ',')}\n${point.code};${point.geo};1990;T;12,5\n`);
    const imported = (await call(a, 'indicators.import', { fileId: a.registerFile(csv).fileId, format: 'csv' })) as { inserted: number; updated: number };
    expect(imported).toMatchObject({ inserted: 1, updated: 1 });

    const decision = dbOf(b)
      .prepare(
        `SELECT id, application_id FROM decisions d WHERE granted_ore - coalesce((SELECT sum(CASE kind WHEN 'payment' THEN amount_ore ELSE -amount_ore END)
           FROM payments WHERE decision_id = d.id), 0) >= 10000 ORDER BY id LIMIT 1`,
      )
      .get() as { id: number; application_id: number };
    await call(b, 'payments.add', { applicationId: decision.application_id, entry: { decisionId: decision.id, kind: 'payment', paidOn: '2026-11-30', amountOre: 10_000 } });

    const notes = dbOf(a).prepare('SELECT id, uid FROM evaluation_notes ORDER BY id LIMIT 2').all() as { id: number; uid: string }[];
    expect(notes).toHaveLength(2);
    const [gone, disputed] = notes as [{ id: number; uid: string }, { id: number; uid: string }];
    await call(a, 'evaluation.delete', { record: 'note', id: gone.id });
    await call(a, 'evaluation.delete', { record: 'note', id: disputed.id });
    const disputedOnB = dbOf(b).prepare('SELECT id, plan_id FROM evaluation_notes WHERE uid = ?').get(disputed.uid) as { id: number; plan_id: number };
    await call(b, 'evaluation.save', { record: 'note', id: disputedOnB.id, planId: disputedOnB.plan_id, body: 'B skrev om anteckningen' });

    const [first] = applicationIds(a) as [number];
    await call(a, 'applications.update', { id: first, changes: { title: 'Titel från A' } });
    await new Promise((done) => setTimeout(done, 5));
    await call(b, 'applications.update', { id: first, changes: { title: 'Titel från B' } });

    const intoB = await send(a, b, join(dir, 'a.glx'));
    expect(intoB.rejected).toEqual([]);
    expect(intoB).toMatchObject({ deleted: 1, valuesInserted: 1, valuesUpdated: 1 });
    // The value changed on A alone since the last exchange: taken, no conflict.
    expect(intoB.conflicts.filter((conflict) => conflict.table === 'indicator_values')).toEqual([]);
    const disputedKey = `evaluation_notes:${disputed.uid}`;
    // Deleted there, changed here: listed, and the changed note kept.
    expect(intoB.conflicts.find((conflict) => conflict.key === disputedKey)).toMatchObject({ field: '*', deleted: 'theirs', taken: 'mine' });
    expect(intoB.conflicts.find((conflict) => conflict.field === 'title')).toMatchObject({ taken: 'mine' });

    const intoA = await send(b, a, join(dir, 'b.glx'));
    expect(intoA.rejected).toEqual([]);
    expect(intoA.conflicts.find((conflict) => conflict.key === disputedKey)).toMatchObject({ field: '*', deleted: 'mine', taken: 'theirs' });
    expect(content(a)).toEqual(content(b));

    const merged = content(a);
    expect(merged.has(`evaluation_notes:${gone.uid}`)).toBe(false);
    expect(merged.get(disputedKey)).toMatchObject({ body: 'B skrev om anteckningen' });
    expect(merged.get(`${point.code}:${point.geo}:T:${point.period}`)).toEqual([point.value + 1.5, expect.stringMatching(/^indicator_imports:.*\|csv\|values\.csv$/)]);
    expect(merged.get(`${point.code}:${point.geo}:T:1990`)).toEqual([12.5, expect.any(String)]);
    expect([...merged.keys()].some((key) => key.startsWith('payments:') && key.endsWith(':payment:2026-11-30:10000'))).toBe(true);
    expect(merged.get(`applications:${caseNumber(a, first)}`)).toMatchObject({ title: 'Titel från B' });
    // The replaced value is kept in the value history, and every change in the audit log's chain.
    expect(dbOf(b).prepare('SELECT count(*) FROM indicator_value_history WHERE value = ?').pluck().get(point.value)).toBe(1);
    for (const services of [a, b]) expect(chainProblems(dbOf(services))).toEqual([]);

    // Once more both ways: nothing left to do.
    const again = await send(a, b, join(dir, 'a-2.glx'));
    expect(again).toMatchObject({ inserted: 0, updated: 0, deleted: 0, valuesInserted: 0, valuesUpdated: 0, conflicts: [], rejected: [] });
    await send(b, a, join(dir, 'b-2.glx'));
    expect(content(a)).toEqual(content(b));
  });

  it('carries a deletion with the evaluation it belonged to, and a deleted payment with the register', async () => {
    const { dir, a, b } = await twoLaptops();
    await send(a, b, join(dir, 'base-a.glx'));
    await send(b, a, join(dir, 'base-b.glx'));
    const note = dbOf(a).prepare('SELECT n.id, n.uid, a.case_number FROM evaluation_notes n JOIN evaluation_plans p ON p.id = n.plan_id JOIN applications a ON a.id = p.application_id ORDER BY n.id LIMIT 1').get() as {
      id: number;
      uid: string;
      case_number: string;
    };
    await call(a, 'evaluation.delete', { record: 'note', id: note.id });
    const file = join(dir, 'grant.glx');
    const exported = (await call(a, 'exchange.export', { scope: 'evaluation', caseNumber: note.case_number, fileId: a.registerFile(file).fileId, passphrase: secret })) as { deleted: number };
    expect(exported.deleted).toBe(1);
    const summary = (await call(b, 'exchange.import', { fileId: b.registerFile(file).fileId, passphrase: secret })) as ExchangeSummary;
    expect(summary).toMatchObject({ deleted: 1, conflicts: [], rejected: [] });
    expect(dbOf(b).prepare('SELECT count(*) FROM evaluation_notes WHERE uid = ?').pluck().get(note.uid)).toBe(0);

    // A payment deleted on B (as undoing its entry does) goes from A's register too; a status change made on B joins A's history.
    const decision = dbOf(b).prepare('SELECT id, application_id FROM decisions d WHERE EXISTS (SELECT 1 FROM payments WHERE decision_id = d.id) ORDER BY id LIMIT 1').get() as {
      id: number;
      application_id: number;
    };
    await call(b, 'applications.update', { id: decision.application_id, changes: { status: 'withdrawn' } });
    await send(b, a, join(dir, 'b-status.glx'));
    const payment = dbOf(b).prepare('SELECT id FROM payments WHERE decision_id = ? ORDER BY id LIMIT 1').pluck().get(decision.id) as number;
    dbOf(b).prepare('DELETE FROM payments WHERE id = ?').run(payment);
    const intoA = await send(b, a, join(dir, 'b-payment.glx'));
    expect(intoA).toMatchObject({ deleted: 1, conflicts: [], rejected: [] });
    await send(a, b, join(dir, 'a-back.glx'));
    expect(content(a)).toEqual(content(b));
    const history = (services: Services) => [...content(services).keys()].filter((key) => key.startsWith(`status_transitions:${caseNumber(a, decision.application_id)}:withdrawn:`));
    expect(history(a)).toHaveLength(1);
  });

  it('carries the chosen indicators alone, with their definitions, values and imports', async () => {
    const { dir, a } = await twoLaptops();
    const db = dbOf(a);
    // An indicator kept for counties and municipalities only, which any store knows.
    const code = db.prepare("SELECT code FROM indicators WHERE levels NOT LIKE '%regso%' AND levels NOT LIKE '%deso%' AND code IN (SELECT indicator_code FROM indicator_series) ORDER BY code LIMIT 1").pluck().get() as string;
    const file = join(dir, 'indicators.glx');
    const exported = (await call(a, 'exchange.export', { scope: 'indicators', indicators: [code], fileId: a.registerFile(file).fileId, passphrase: secret })) as { records: number; values: number };
    const count = db.prepare('SELECT count(*) FROM indicator_values WHERE indicator_code = ?').pluck().get(code) as number;
    expect(exported).toMatchObject({ records: 1 + (db.prepare('SELECT count(DISTINCT import_id) FROM indicator_values WHERE indicator_code = ?').pluck().get(code) as number), values: count });

    const empty = open(join(dir, 'empty.sqlite'));
    const summary = (await call(empty, 'exchange.import', { fileId: empty.registerFile(file).fileId, passphrase: secret })) as ExchangeSummary;
    expect(summary).toMatchObject({ scope: 'indicators', rejected: [], values: count, valuesInserted: count });
    const there = dbOf(empty);
    expect(there.prepare('SELECT count(*) FROM indicator_values').pluck().get()).toBe(count);
    expect(there.prepare('SELECT count(*) FROM applications').pluck().get()).toBe(0);
    const values = (services: Services) => new Map([...content(services)].filter(([key]) => key.startsWith(`${code}:`)));
    expect(values(empty)).toEqual(values(a));
  });

  it('takes the user’s choice over the later edit', async () => {
    const { dir, a, b } = await twoLaptops();
    const [first] = applicationIds(a) as [number];
    await call(a, 'applications.update', { id: first, changes: { title: 'Äldre, men vald' } });
    await new Promise((done) => setTimeout(done, 5));
    await call(b, 'applications.update', { id: first, changes: { title: 'Nyare' } });
    const key = `applications:${caseNumber(a, first)}`;
    const summary = await send(a, b, join(dir, 'a.glx'), { choices: [{ key, field: 'title', take: 'theirs' }] });
    expect(summary.conflicts.find((conflict) => conflict.key === key)).toMatchObject({ taken: 'theirs' });
    expect(content(b).get(key)).toMatchObject({ title: 'Äldre, men vald' });
  });

  it('carries one grant’s evaluation, with the grant it belongs to, into a store that never had it', async () => {
    const { dir, a } = await twoLaptops();
    const grant = dbOf(a).prepare('SELECT a.case_number FROM evaluation_plans p JOIN applications a ON a.id = p.application_id ORDER BY p.id LIMIT 1').pluck().get() as string;
    const empty = open(join(dir, 'empty.sqlite'));
    const file = join(dir, 'grant.glx');
    const exported = (await call(a, 'exchange.export', { scope: 'evaluation', caseNumber: grant, fileId: a.registerFile(file).fileId, passphrase: secret })) as { records: number };
    const summary = (await call(empty, 'exchange.import', { fileId: empty.registerFile(file).fileId, passphrase: secret })) as ExchangeSummary;
    expect(summary.rejected).toEqual([]);
    // The indicators its evaluation tracks are there already, the built-in ones at least.
    expect(summary.inserted + summary.updated + summary.unchanged).toBe(exported.records);
    const plans = dbOf(empty).prepare('SELECT count(*) FROM evaluation_plans').pluck().get();
    expect(plans).toBeGreaterThan(0);
    const there = content(empty);
    const here = content(a);
    // An indicator both stores define is merged as any record: where they differ, a conflict settled alike on both sides.
    for (const [key, fields] of there) if (!key.startsWith('indicators:')) expect(here.get(key), key).toEqual(fields);
  });

  describe('refuses, and changes nothing', () => {
    async function refusal(mangle: (bytes: Buffer) => Buffer, passphrase = secret): Promise<AppError['code'] | 'accepted'> {
      const { dir, a, b } = await twoLaptops();
      await call(a, 'applications.update', { id: applicationIds(a)[0]!, changes: { title: 'Ändrad' } });
      const file = join(dir, 'package.glx');
      await call(a, 'exchange.export', { scope: 'register', fileId: a.registerFile(file).fileId, passphrase: secret });
      writeFileSync(file, mangle(readFileSync(file)));
      const before = content(b);
      const edits = dbOf(b).prepare('SELECT count(*) FROM edits').pluck();
      const editsBefore = edits.get();
      const answer = await b.call('exchange.import', { fileId: b.registerFile(file).fileId, passphrase });
      expect(content(b)).toEqual(before);
      expect(edits.get()).toBe(editsBefore);
      return answer.ok ? 'accepted' : answer.error.code;
    }

    it('a wrong passphrase', async () => {
      expect(await refusal((bytes) => bytes, 'fel lösenfras helt och hållet')).toBe('EXCHANGE_REFUSED');
    });

    it('a package with one byte of its body changed, or of its header', async () => {
      expect(await refusal((bytes) => Buffer.from(bytes.map((byte, i) => (i === bytes.length - 40 ? byte ^ 1 : byte))))).toBe('EXCHANGE_REFUSED');
      // The salt, in the header: the header is the cipher's additional data.
      expect(await refusal((bytes) => Buffer.from(bytes.map((byte, i) => (i === 20 ? byte ^ 1 : byte))))).toBe('EXCHANGE_REFUSED');
    });

    it('a truncated package, and a file that is none', async () => {
      expect(await refusal((bytes) => bytes.subarray(0, bytes.length - 100))).toBe('EXCHANGE_INVALID');
      expect(await refusal(() => Buffer.from('Diarienummer;Titel\n2024-1;x\n'))).toBe('EXCHANGE_INVALID');
    });

    it('a package from a newer schema or format', async () => {
      // Schema version: two bytes after the magic (8) and the format version (1).
      expect(await refusal((bytes) => Buffer.from(bytes.map((byte, i) => (i === 9 ? 0x7f : byte))))).toBe('EXCHANGE_NEWER');
      expect(await refusal((bytes) => Buffer.from(bytes.map((byte, i) => (i === 8 ? 3 : byte))))).toBe('EXCHANGE_NEWER');
    });
  });

  it('refuses a file too large to be a package before reading it', () => {
    expect(() => checkPackageSize(MAX_PACKAGE_BYTES)).not.toThrow();
    expect(() => checkPackageSize(MAX_PACKAGE_BYTES + 1)).toThrow(expect.objectContaining({ code: 'EXCHANGE_INVALID', details: { reason: 'too_large' } }));
  });

  it('bounds the passphrase and never repeats it in the refusal', () => {
    const short = 'kort';
    expect(() => validateCall('exchange.import', { fileId: 'f1', passphrase: short })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    try {
      validateCall('exchange.import', { fileId: 'f1', passphrase: short });
    } catch (error) {
      expect(JSON.stringify(error)).not.toContain(short);
      expect((error as Error).message).not.toContain(short);
    }
    expect(() => validateCall('exchange.export', { scope: 'all', fileId: 'f1', passphrase: 'x'.repeat(1025) })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });
});
