import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import type { ImportKind, ImportMapping } from '../../main/contract/calls';
import { FieldProblem, parseOrgNumber } from '../../main/importers/register/parse-fields';
import { importRegister } from '../../main/importers/register/import-register';
import type { Store } from '../../main/store/open-store';
import { useImportFiles } from '../support/import-files';
import { repoRoot } from '../support/temp-dir';

const { tempDir, newStore: emptyStore } = useImportFiles();
const fixture = join(repoRoot, 'tests', 'fixtures', 'formats', 'applications-sv.csv');

function run(store: Store, path: string, options: { kind?: ImportKind; dryRun?: boolean; strict?: boolean; mapping?: ImportMapping } = {}) {
  return importRegister(store.db, path, { kind: 'applications', dryRun: false, strict: false, progress: () => {}, ...options });
}

/** The register's content as comparable rows, without ids that depend on insertion order. */
function content(store: Store) {
  return store.db
    .prepare(
      `SELECT a.case_number, a.title, o.org_number, o.name, o.type, a.municipality_code, gc.year, a.first_year, a.last_year,
              a.stage, a.status, a.requested_ore, a.granted_ore
       FROM applications a JOIN organisations o ON o.id = a.organisation_id JOIN grant_calls gc ON gc.id = a.call_id
       ORDER BY a.case_number`,
    )
    .all();
}

function found(store: Store, word: string): number[] {
  return store.db.prepare('SELECT rowid FROM applications_fts WHERE applications_fts MATCH ?').pluck().all(`"${word}"*`) as number[];
}

const TERMS = 'SELECT term, doc, col, offset FROM {vocab} ORDER BY doc, col, offset, term';

/** The search index as its terms per application, field and position. */
function searchIndex(store: Store) {
  store.db.exec("CREATE VIRTUAL TABLE IF NOT EXISTS temp.kept_terms USING fts5vocab(main, applications_fts, 'instance')");
  return store.db.prepare(TERMS.replace('{vocab}', 'temp.kept_terms')).all();
}

/** The same, indexed afresh from the tables: what the index should hold. */
function rebuiltSearchIndex(store: Store) {
  store.db.exec(`DROP TABLE IF EXISTS temp.rebuilt;
    CREATE VIRTUAL TABLE temp.rebuilt USING fts5(title, summary, organisation, content = '', tokenize = 'unicode61 remove_diacritics 0');
    INSERT INTO temp.rebuilt (rowid, title, summary, organisation)
      SELECT a.id, a.title, a.summary, o.name FROM applications a JOIN organisations o ON o.id = a.organisation_id;
    CREATE VIRTUAL TABLE IF NOT EXISTS temp.rebuilt_terms USING fts5vocab(temp, rebuilt, 'instance');`);
  return store.db.prepare(TERMS.replace('{vocab}', 'temp.rebuilt_terms')).all();
}

const header = ['Diarienummer', 'Sökande', 'Organisationsnummer', 'Typ', 'Kommun', 'Län', 'År', 'Sökt belopp', 'Beviljat belopp', 'Status', 'Steg'];
const rows = [
  ['2021-00012', 'Malmö stad', '212000-1124', 'Kommun', '1280', '12', '2021', '1 250 000,50', '900 000', 'Beviljad', 'Insats'],
  ['2021-00020', 'Föreningen Ängsö', '802400-0005', 'Ideell förening', 'Örebro', 'Örebro län', '2021', '380 000', '', 'Avslag', 'Kartläggning'],
];

function csv(separator: string, decimalPoint: boolean): string {
  const cell = (text: string, column: number) => {
    const isAmount = column === 7 || column === 8;
    const value = decimalPoint && isAmount ? text.replace(/ /g, '').replace(',', '.') : text;
    return value.includes(separator) ? `"${value}"` : value;
  };
  return [header, ...rows].map((line, i) => line.map((text, column) => (i === 0 ? text : cell(text, column))).join(separator)).join('\r\n') + '\r\n';
}

describe('organisation numbers', () => {
  it('accepts a valid number with or without the hyphen and writes it NNNNNN-NNNN', () => {
    expect(parseOrgNumber('212000-1124')).toBe('212000-1124');
    expect(parseOrgNumber('2120001124')).toBe('212000-1124');
    expect(parseOrgNumber(' 232100-0255 ')).toBe('232100-0255');
  });

  it.each(['802400-0000', '212000-1125', '12345', 'abcdef-ghij', '212000-11245'])('rejects %s', (text) => {
    expect(() => parseOrgNumber(text)).toThrow(FieldProblem);
  });
});

describe('importing applications', () => {
  it('imports the shared Swedish sample and rejects its row with a bad organisation number, saying where and why', async () => {
    const store = emptyStore();
    const summary = await run(store, fixture);
    expect(summary).toMatchObject({ rows: 3, accepted: 2, rejected: 1, inserted: 2, updated: 0, unchanged: 0, abandoned: false });
    expect(summary.rejects).toEqual([
      { row: 3, field: 'Organisationsnummer', code: 'orgNumberInvalid', params: { text: '802400-0000' }, reason: expect.stringMatching(/802400-0000.*check digit/) },
    ]);
    const malmo = store.db.prepare("SELECT * FROM applications WHERE case_number = '2021-00012'").get() as Record<string, unknown>;
    expect(malmo).toMatchObject({ requested_ore: 125_000_000, granted_ore: 90_000_000, status: 'granted', stage: 'long_term', municipality_code: '1280' });
    const region = store.db.prepare("SELECT type, municipality_code, county_code FROM organisations WHERE org_number = '232100-0255'").get();
    expect(region).toEqual({ type: 'region', municipality_code: null, county_code: '12' });
    store.close();
  });

  it('describes every updated row field by field, before and after, and calls out a move to another applicant', async () => {
    const store = emptyStore();
    await run(store, fixture);
    const changed = join(tempDir(), 'changed.csv');
    writeFileSync(
      changed,
      [
        'Diarienummer;Sökande;Organisationsnummer;Typ;Sökt belopp;Beviljat belopp;Status;Steg',
        // Malmö's application moved to Region Skåne, with a new amount and status.
        '2021-00012;Region Skåne;232100-0255;Region;1 300 000,50;900 000,00;Delvis beviljad;Insats',
        '2021-00014;Region Skåne;232100-0255;Region;2 000 000,00;2 000 000,00;Beviljad;Behovsanalys',
        '2021-00099;Malmö stad;212000-1124;Kommun;100 000;;Inkommen;Kartläggning',
      ].join('\n'),
    );
    const before = content(store);
    // A new application needs its year; the third row is rejected, the others are counted as they are.
    const summary = await run(store, changed, { dryRun: true });
    expect(summary).toMatchObject({ updated: 1, unchanged: 1 });
    expect(summary.updates).toEqual([
      {
        row: 2,
        key: '2021-00012',
        movesApplicant: true,
        changes: expect.arrayContaining([
          { field: 'organisation', before: 'Malmö stad (212000-1124)', after: 'Region Skåne (232100-0255)' },
          { field: 'requestedOre', before: 125_000_000, after: 130_000_050 },
          { field: 'status', before: 'granted', after: 'partly_granted' },
        ]),
      },
    ]);
    expect(summary.updates[0]!.changes).toHaveLength(3);
    expect(content(store)).toEqual(before);
    store.close();
  });

  const variants: [string, (dir: string) => Promise<string>][] = [
    ['UTF-8 with BOM, semicolons, decimal comma', async (dir) => write(dir, 'a.csv', Buffer.from(`\uFEFF${csv(';', false)}`, 'utf8'))],
    ['UTF-8 without BOM, semicolons, decimal comma', async (dir) => write(dir, 'b.csv', Buffer.from(csv(';', false), 'utf8'))],
    ['UTF-8, commas, decimal point', async (dir) => write(dir, 'c.csv', Buffer.from(csv(',', true), 'utf8'))],
    ['Windows-1252, semicolons, decimal comma', async (dir) => write(dir, 'd.csv', iconv.encode(csv(';', false), 'windows-1252'))],
    ['Windows-1252, commas, decimal point', async (dir) => write(dir, 'e.csv', iconv.encode(csv(',', true), 'windows-1252'))],
    [
      'XLSX with numbers as numbers',
      async (dir) => {
        const workbook = new ExcelJS.Workbook();
        const sheet = workbook.addWorksheet('Ansökningar');
        sheet.addRow(header);
        for (const row of rows) {
          sheet.addRow(row.map((cell, i) => (i === 7 || i === 8 ? (cell === '' ? null : Number(cell.replace(/ /g, '').replace(',', '.'))) : cell)));
        }
        const path = join(dir, 'f.xlsx');
        await workbook.xlsx.writeFile(path);
        return path;
      },
    ],
  ];

  function write(dir: string, name: string, bytes: Buffer): string {
    writeFileSync(join(dir, name), bytes);
    return join(dir, name);
  }

  it.each(variants)('reads %s to the same rows', async (_name, make) => {
    const store = emptyStore();
    const summary = await run(store, await make(tempDir()));
    expect(summary.rejects).toEqual([]);
    expect(summary.inserted).toBe(2);
    expect(content(store)).toEqual([
      {
        case_number: '2021-00012',
        title: '',
        org_number: '212000-1124',
        name: 'Malmö stad',
        type: 'municipality',
        municipality_code: '1280',
        year: 2021,
        first_year: 2021,
        last_year: 2021,
        stage: 'long_term',
        status: 'granted',
        requested_ore: 125_000_050,
        granted_ore: 90_000_000,
      },
      {
        case_number: '2021-00020',
        title: '',
        org_number: '802400-0005',
        name: 'Föreningen Ängsö',
        type: 'non_profit',
        municipality_code: '1880',
        year: 2021,
        first_year: 2021,
        last_year: 2021,
        stage: 'survey',
        status: 'rejected',
        requested_ore: 38_000_000,
        granted_ore: 0,
      },
    ]);
    store.close();
  });

  it('lists every rejected row with its row number, column and reason, and imports the rest', async () => {
    const path = join(tempDir(), 'bad.csv');
    writeFileSync(
      path,
      [
        'Diarienummer;Sökande;Organisationsnummer;Typ;Kommun;År;Sökt belopp;Status;Steg',
        '2022-1;Ok kommun;212000-1124;Kommun;Malmö;2022;100 000;Inkommen;Plan',
        '2022-2;X;212000-1124;Kommun;Atlantis;2022;100 000;Inkommen;Plan',
        '2022-3;X;212000-1124;Kommun;Malmö;tjugo;100 000;Inkommen;Plan',
        '2022-4;X;212000-1124;Kommun;Malmö;2022;mycket;Inkommen;Plan',
        '2022-5;X;212000-1124;Kommun;Malmö;2022;100 000;Kanske;Plan',
        ';X;212000-1124;Kommun;Malmö;2022;100 000;Inkommen;Plan',
        '2022-7;Ny förening;;;Malmö;2022;100 000;Inkommen;Plan',
        '2022-8;X;212000-1124;Kommun;Malmö;2022;-5;Inkommen;Plan',
        '',
      ].join('\n'),
    );
    const store = emptyStore();
    const summary = await run(store, path);
    expect(summary).toMatchObject({ rows: 8, accepted: 1, rejected: 7, inserted: 1 });
    expect(summary.rejects.map(({ row, field, code }) => [row, field, code])).toEqual([
      [3, 'Kommun', 'municipalityUnknown'],
      [4, 'År', 'notAYear'],
      [5, 'Sökt belopp', 'notAnAmount'],
      [6, 'Status', 'statusUnknown'],
      [7, 'Diarienummer', 'caseNumberMissing'],
      [8, 'Typ', 'newOrganisationNeedsType'],
      [9, 'Sökt belopp', 'negativeAmount'],
    ]);
    for (const reject of summary.rejects) expect(reject.reason.length).toBeGreaterThan(10);
    // The rejected new association was not left behind.
    expect(store.db.prepare("SELECT count(*) FROM organisations WHERE name = 'Ny förening'").pluck().get()).toBe(0);
    store.close();
  });

  it('changes nothing in a dry run, and nothing at all with --strict when a row is rejected', async () => {
    const store = emptyStore();
    const dry = await run(store, fixture, { dryRun: true });
    expect(dry).toMatchObject({ dryRun: true, inserted: 2, rejected: 1 });
    expect(content(store)).toEqual([]);
    const strict = await run(store, fixture, { strict: true });
    expect(strict).toMatchObject({ abandoned: true, rejected: 1 });
    expect(content(store)).toEqual([]);
    expect(store.db.prepare('SELECT count(*) FROM edits').pluck().get()).toBe(0);
    store.close();
  });

  it('leaves the store exactly as it was when the file turns out broken midway', async () => {
    const store = emptyStore();
    await run(store, fixture);
    const before = content(store);
    const lines = ['Diarienummer;Sökande;Organisationsnummer;Typ;Kommun;År;Sökt belopp;Steg'];
    for (let i = 1; i <= 2000; i++) lines.push(`2023-${i};Malmö stad;212000-1124;Kommun;1280;2023;${i} 000;Plan`);
    lines.push('2023-x;"Malmö stad;212000-1124;Kommun;1280;2023;1 000;Plan');
    const path = join(tempDir(), 'broken.csv');
    writeFileSync(path, `${lines.join('\n')}\n`);
    await expect(run(store, path)).rejects.toThrow(/quot/i);
    expect(content(store)).toEqual(before);
    expect(store.db.prepare('SELECT count(*) FROM grant_calls WHERE year = 2023').pluck().get()).toBe(0);
    store.close();
  });

  it('changes nothing when the same file is imported again, and updates only what changed', async () => {
    const store = emptyStore();
    const dir = tempDir();
    const path = join(dir, 'a.csv');
    copyFileSync(fixture, path);
    await run(store, path);
    const edits = store.db.prepare('SELECT count(*) FROM edits').pluck().get();
    const again = await run(store, path);
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 2, rejected: 1 });
    expect(store.db.prepare('SELECT count(*) FROM edits').pluck().get()).toBe(edits);

    writeFileSync(path, readFileSync(path, 'utf8').replace('1 250 000,00;900 000,00', '1 300 000,00;900 000,00'));
    const changed = await run(store, path);
    expect(changed).toMatchObject({ inserted: 0, updated: 1, unchanged: 1 });
    const logged = store.db
      .prepare("SELECT field, old_value, new_value FROM audit_log JOIN edits e ON e.id = edit_id WHERE e.action = 'import' AND field IS NOT NULL")
      .all();
    expect(logged).toEqual([{ field: 'requested_ore', old_value: 125_000_000, new_value: 130_000_000 }]);
    store.close();
  });

  it('keeps the search index in step with what it wrote: new rows, changed titles, renamed organisations, no rejected row', async () => {
    const store = emptyStore();
    await run(store, fixture);
    expect(searchIndex(store)).toEqual(rebuiltSearchIndex(store));
    // The rejected row's applicant was never written, so it is not found either.
    expect(found(store, 'rosengård')).toEqual([]);

    const path = join(tempDir(), 'titles.csv');
    writeFileSync(
      path,
      'Diarienummer;Titel;Sökande;Organisationsnummer;Typ;År;Sökt belopp;Steg\n' +
        '2021-00012;Läxhjälp i Rosengård;Malmö stad;212000-1124;Kommun;2021;1 250 000,00;Insats\n' +
        '2021-00015;Bågskytte på Ängen;Region Skåne;232100-0255;Region;2021;100 000;Plan\n',
    );
    expect(await run(store, path, { dryRun: true })).toMatchObject({ inserted: 1, updated: 1 });
    expect(found(store, 'läxhjälp')).toEqual([]);
    expect(await run(store, path)).toMatchObject({ inserted: 1, updated: 1 });
    const orgs = join(tempDir(), 'org.csv');
    writeFileSync(orgs, 'Organisationsnummer;Namn;Typ\n232100-0255;Region Skåne län;Region\n');
    expect(await run(store, orgs, { kind: 'organisations' })).toMatchObject({ updated: 1 });
    expect(searchIndex(store)).toEqual(rebuiltSearchIndex(store));
    expect(found(store, 'läxhjälp')).toHaveLength(1);
    expect(found(store, 'län')).toHaveLength(2);

    // The index's own triggers are back for edits outside an import.
    store.db.prepare("UPDATE applications SET title = 'Simskola' WHERE case_number = '2021-00015'").run();
    expect(found(store, 'simskola')).toHaveLength(1);
    expect(searchIndex(store)).toEqual(rebuiltSearchIndex(store));
    store.close();
  });

  it('takes a mapping for columns with other names', async () => {
    const path = join(tempDir(), 'other.csv');
    writeFileSync(path, 'Ärende,Vem,Orgnummer,Slag,Plats,Året,Pengar,Fas\n2024-9,Malmö stad,212000-1124,Kommun,Malmö,2024,"12,5",Plan\n');
    const store = emptyStore();
    const mapping: ImportMapping = {
      caseNumber: 'Ärende',
      organisation: 'Vem',
      orgNumber: 'Orgnummer',
      applicantType: 'Slag',
      municipality: 'Plats',
      firstYear: 'Året',
      requestedOre: 'Pengar',
      stage: 'Fas',
    };
    expect(await run(store, path, { mapping })).toMatchObject({ inserted: 1, rejected: 0 });
    expect(content(store)[0]).toMatchObject({ case_number: '2024-9', requested_ore: 1250, stage: 'plan' });
    await expect(run(store, path, { mapping: { ...mapping, caseNumber: 'Saknas' } })).rejects.toThrow(/no column "Saknas"/);
    store.close();
  });

  it('imports organisations and decisions matched on organisation number and case number with date', async () => {
    const store = emptyStore();
    await run(store, fixture);
    const orgs = join(tempDir(), 'org.csv');
    writeFileSync(orgs, 'Organisationsnummer;Namn;Typ;Kommun\n212000-1124;Malmö kommun;Kommun;Malmö\n802400-0005;Föreningen Ängsö;Ideell förening;Örebro\n');
    expect(await run(store, orgs, { kind: 'organisations' })).toMatchObject({ inserted: 1, updated: 1, rejected: 0 });
    const decisions = join(tempDir(), 'dec.csv');
    writeFileSync(decisions, 'Diarienummer;Beslutsdatum;Beviljat belopp;Villkor\n2021-00014;2021-05-01;1 500 000;Slutrapport\n2099-1;2021-05-01;1;\n');
    const summary = await run(store, decisions, { kind: 'decisions' });
    expect(summary).toMatchObject({ inserted: 1, rejected: 1 });
    expect(summary.rejects[0]).toMatchObject({ row: 3, field: 'Diarienummer' });
    // The Region's earlier decision from the applications file plus this one.
    expect(store.db.prepare("SELECT granted_ore FROM applications WHERE case_number = '2021-00014'").pluck().get()).toBe(350_000_000);
    expect(await run(store, decisions, { kind: 'decisions' })).toMatchObject({ inserted: 0, unchanged: 1 });
    store.close();
  });
});
