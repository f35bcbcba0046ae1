import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_LISTED_REJECTS } from '../../main/contract/domains/imports';
import { AppError } from '../../main/contract/errors';
import { MAX_AMOUNT_ORE, textLimits } from '../../main/contract/field-rules';
import { validateCall } from '../../main/contract/validate';
import { importAreas } from '../../main/importers/areas/import-areas';
import { importDefinitions } from '../../main/importers/definitions/import-definitions';
import { importIndicators } from '../../main/importers/indicators/import-indicators';
import { parseWorkerAt } from '../../main/importers/indicators/parse-in-worker';
import { importRegister } from '../../main/importers/register/import-register';
import { openTabular } from '../../main/importers/tabular/open-tabular';
import { builtFile } from '../support/built';
import { grantlensMeasured, grantlensSync } from '../support/grantlens-cli';
import { indicatorOptions, useImportFiles } from '../support/import-files';
import { workbookMembers, zipOf, type ZipMember } from '../support/zip';

// Files a probe of the importers found to hang, crash or half-write, each refused or reported in
// a sentence a user can act on, the store left as it was.

const { tempDir, newStore, file } = useImportFiles();

const registerOptions = { kind: 'applications', dryRun: false, strict: false, progress: () => {} } as const;

async function refusal(work: Promise<unknown>): Promise<AppError> {
  const error = await work.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

const valueLine = (i: number) => `N00914;0180;${2000 + (i % 100)};T;${i % 97},5\n`;
/** About two megabytes of indicator values with one stray quote opening a field on line 3. */
function strayQuoteValues(): string {
  const lines = ['Indikator;Kommun;År;Kön;Värde\n', valueLine(0), 'N00914;0180;2001;T;"7,1\n'];
  for (let i = 0; lines.length < 80_000; i++) lines.push(valueLine(i));
  return lines.join('');
}

describe('a stray quote', () => {
  it('refuses a 2 MB indicator file at once with the line the quote opens on, in a short sentence', async () => {
    const store = newStore();
    const path = file('values.csv', strayQuoteValues());
    const error = await refusal(importIndicators(store.db, path, indicatorOptions()));
    expect(error).toMatchObject({ code: 'FILE_MALFORMED', details: { problem: 'quoteNotClosed', line: 3 } });
    expect(error.message).toMatch(/^Line 3: a quoted field opens here and is not closed/);
    expect(error.message.length).toBeLessThan(200);
    expect(store.db.prepare('SELECT count(*) FROM indicator_points').pluck().get()).toBe(0);
  });

  it('refuses it the same way in the parse worker', async () => {
    const store = newStore();
    const parseWorker = { ...parseWorkerAt(builtFile('main/csv-parse-worker.js')), fromBytes: 0 };
    const error = await refusal(importIndicators(store.db, file('values.csv', strayQuoteValues()), indicatorOptions({ parseWorker })));
    expect(error.message).toMatch(/^Line 3: a quoted field opens here/);
  });

  it('refuses a register file whose quote never closes with the same sentence', async () => {
    const store = newStore();
    const lines = ['Diarienummer;Sökande;Organisationsnummer;Typ;År;Sökt belopp;Steg\n', '2021-00001;Malmö stad;212000-1124;Kommun;2021;1000;Insats\n'];
    lines.push('"2021-00002;Malmö stad;212000-1124;Kommun;2021;1000;Insats\n');
    for (let i = 3; i < 30_000; i++) lines.push(`2021-${String(i).padStart(5, '0')};Malmö stad;212000-1124;Kommun;2021;1000;Insats\n`);
    const error = await refusal(importRegister(store.db, file('applications.csv', lines.join('')), registerOptions));
    expect(error.message).toMatch(/^Line 3: a quoted field opens here and is not closed/);
    expect(store.db.prepare('SELECT count(*) FROM applications').pluck().get()).toBe(0);
  });

  it('reads a quote inside a field as text in both readers, and quotes at most 80 characters of a cell in a reason', async () => {
    const store = newStore();
    const long = `7${'x'.repeat(1_000_000)}`;
    const values = ['Indikator;Kommun;År;Kön;Värde', 'N00914;0180;2021;T;7"1', `N00914;0180;2022;T;${long}`, 'N00914;0180;2023;T;7,5'].join('\n');
    const summary = await importIndicators(store.db, file('values.csv', values), indicatorOptions());
    expect(summary).toMatchObject({ accepted: 1, rejected: 2 });
    expect(summary.rejects.map((reject) => [reject.row, reject.params.text])).toEqual([
      [2, '7"1'],
      [3, `${long.slice(0, 79)}…`],
    ]);
    expect(summary.rejects[1]!.reason.length).toBeLessThan(120);

    const register = ['Diarienummer;Sökande;Organisationsnummer;Typ;År;Sökt belopp;Steg', '2021-00001;Malmö stad;212000-1124;Kommun;2021;10"00;Insats'].join('\n');
    const rejected = await importRegister(store.db, file('applications.csv', register), registerOptions);
    expect(rejected.rejects).toMatchObject([{ row: 2, code: 'notAnAmount', params: { text: '10"00' } }]);
  });
});

const applicationsHeader = 'Diarienummer;Sökande;Organisationsnummer;Typ;År;Sökt belopp;Steg;Titel;Inkom';
const application = (i: number, { amount = '1000', title = 'Läxhjälp', received = '2021-03-01' } = {}) =>
  `2021-${String(i).padStart(5, '0')};Malmö stad;212000-1124;Kommun;2021;${amount};Insats;${title};${received}`;

describe('one rule per field, the same in the import and the contract', () => {
  it('rejects an amount too large to keep, a date that is not in the calendar, control characters and over-long titles, and imports the rest', async () => {
    const store = newStore();
    const lines = [
      applicationsHeader,
      application(1),
      application(2, { amount: '100000000000000000' }),
      application(3, { amount: `1${'0'.repeat(309)}` }),
      application(4, { received: '2024-02-30' }),
      application(5, { title: 'Läx\u0000hjälp' }),
      application(6, { title: 'x'.repeat(1_000_000) }),
      application(7, { amount: '100 000 000 000' }),
    ];
    const summary = await importRegister(store.db, file('applications.csv', lines.join('\n')), registerOptions);
    expect(summary).toMatchObject({ rows: 7, accepted: 2, rejected: 5 });
    expect(summary.rejects.map(({ row, field, code, params }) => ({ row, field, code, params }))).toEqual([
      { row: 3, field: 'Sökt belopp', code: 'amountTooLarge', params: { max: 100_000_000_000 } },
      { row: 4, field: 'Sökt belopp', code: 'amountTooLarge', params: { max: 100_000_000_000 } },
      { row: 5, field: 'Inkom', code: 'notADate', params: { text: '2024-02-30' } },
      { row: 6, field: 'Titel', code: 'controlCharacter', params: {} },
      { row: 7, field: 'Titel', code: 'textTooLong', params: { max: 300 } },
    ]);
    expect(store.db.prepare('SELECT case_number, requested_ore FROM applications ORDER BY 1').raw().all()).toEqual([
      ['2021-00001', 100_000],
      ['2021-00007', 10_000_000_000_000],
    ]);
  });

  it('rejects an indicator value too large for a number, from CSV and JSON-stat alike, and keeps the rest', async () => {
    const store = newStore();
    const csv = ['Indikator;Kommun;År;Kön;Värde', `N00914;0180;2021;T;${'9'.repeat(310)}`, 'N00914;0180;2022;T;7,5'].join('\n');
    const fromCsv = await importIndicators(store.db, file('values.csv', csv), indicatorOptions());
    expect(fromCsv).toMatchObject({ accepted: 1, rejected: 1, rejects: [{ row: 2, code: 'numberTooLarge' }] });
    const jsonStat = {
      class: 'dataset',
      id: ['ContentsCode', 'Region', 'Tid'],
      size: [1, 1, 2],
      dimension: { ContentsCode: { category: { index: { N00914: 0 } } }, Region: { category: { index: { '1280': 0 } } }, Tid: { category: { index: { '2021': 0, '2022': 1 } } } },
    };
    const text = JSON.stringify({ ...jsonStat, value: [0, 0] }).replace('"value":[0,0]', '"value":[1e999,6.5]');
    const fromJson = await importIndicators(store.db, file('values.json', text), indicatorOptions());
    expect(fromJson).toMatchObject({ accepted: 1, rejected: 1, rejects: [{ row: 0, code: 'numberTooLarge', params: { text: 'Infinity' } }] });
    expect(store.db.prepare('SELECT count(*) FROM indicator_points WHERE abs(value) > 1e300').pluck().get()).toBe(0);
  });

  it('refuses the same values in an edit, naming the field and the reject code the import gives', () => {
    const issue = (name: Parameters<typeof validateCall>[0], args: unknown) => {
      const error = (() => {
        try {
          validateCall(name, args);
          return null;
        } catch (caught) {
          return caught as AppError;
        }
      })();
      expect(error?.code).toBe('INVALID_ARGUMENT');
      return (error!.details as { issues: { path: string; code?: string }[] }).issues[0];
    };
    expect(issue('applications.update', { id: 1, changes: { title: 'Läx\u0000hjälp' } })).toMatchObject({ path: 'changes.title', code: 'controlCharacter' });
    expect(issue('applications.update', { id: 1, changes: { title: 'x'.repeat(textLimits.title + 1) } })).toMatchObject({ path: 'changes.title' });
    expect(issue('applications.update', { id: 1, changes: { requestedOre: MAX_AMOUNT_ORE + 1 } })).toMatchObject({ path: 'changes.requestedOre' });
    expect(issue('payments.add', { applicationId: 1, entry: { decisionId: 1, kind: 'payment', paidOn: '2024-02-30', amountOre: 100 } })).toMatchObject({ path: 'entry.paidOn' });
    expect(() => validateCall('applications.update', { id: 1, changes: { title: 'Läxhjälp', summary: 'två\nrader\tmed tabb', requestedOre: MAX_AMOUNT_ORE } })).not.toThrow();
  });
});

describe('rejects, capped and cut short', () => {
  it('lists the first 10,000 rejects and counts the rest, when the reasons differ', async () => {
    const store = newStore();
    const lines = [applicationsHeader, application(1)];
    // Rows that fail before any SQL, so the test spends its time on the counting.
    for (let i = 2; i <= 12_001; i++) lines.push(i % 2 ? application(i, { title: 'x\u0000' }) : application(i).replace(/^2021-\d+/, ''));
    const summary = await importRegister(store.db, file('applications.csv', lines.join('\n')), registerOptions);
    expect(summary).toMatchObject({ rows: 12_001, accepted: 1, rejected: 12_000 });
    expect(summary.rejects).toHaveLength(MAX_LISTED_REJECTS);

    const values = ['Indikator;Kommun;År;Kön;Värde', 'N00914;0180;2021;T;7,5'];
    for (let i = 0; i < 12_000; i++) values.push(i % 2 ? `NOPE;0180;2021;T;1` : `N00914;9999;2021;T;1`);
    const checked = await importIndicators(store.db, file('values.csv', values.join('\n')), indicatorOptions());
    expect(checked).toMatchObject({ accepted: 1, rejected: 12_000 });
    expect(checked.rejects).toHaveLength(MAX_LISTED_REJECTS);
  });

  it('stops reading and refuses the file when its first 1,000 rows all fail for one reason', async () => {
    const store = newStore();
    const lines = [applicationsHeader];
    for (let i = 1; i <= 50_000; i++) lines.push(application(i, { amount: 'tusen kronor' }));
    const path = file('applications.csv', lines.join('\n'));
    let read = 0;
    let size = 0;
    const progress = (_phase: string, done: number, total: number | null) => {
      [read, size] = [done, total ?? 0];
    };
    const error = await refusal(importRegister(store.db, path, { ...registerOptions, progress }));
    expect(error.code).toBe('IMPORT_REJECTED');
    expect(error.details).toMatchObject({ rows: 1000, reject: { row: 2, field: 'Sökt belopp', code: 'notAnAmount' } });
    expect(read).toBeLessThan(size / 4);
    expect(store.db.prepare('SELECT count(*) FROM applications').pluck().get()).toBe(0);

    const values = ['Indikator;Kommun;År;Kön;Värde'];
    for (let i = 0; i < 50_000; i++) values.push(`NOPE;0180;${2000 + (i % 100)};T;1`);
    const refused = await refusal(importIndicators(store.db, file('values.csv', values.join('\n')), indicatorOptions()));
    expect(refused.code).toBe('IMPORT_REJECTED');
    expect(refused.message).toMatch(/row 2 \(Indikator\): unknown indicator "NOPE"$/);
    expect(store.db.prepare('SELECT count(*) FROM indicator_imports').pluck().get()).toBe(0);
  });

  it('caps the area and definition imports the same way: 10,000 listed, the rest counted and said', async () => {
    const store = newStore();
    const areas = ['Kod;Namn', '0114R001;Centrala Upplands Väsby'];
    // Two reasons, so the import is not hopeless and reads to the end.
    for (let i = 0; i < 50_000; i++) areas.push(i % 2 ? `X${i};Ingenstans` : `9999A${String(i % 1000).padStart(3, '0')}0;Ingenstans`);
    const path = file('areas.csv', areas.join('\n'));
    const summary = await importAreas(store.db, path, { dryRun: true, strict: false });
    expect(summary).toMatchObject({ rows: 50_001, accepted: 1, rejected: 50_000 });
    expect(summary.rejects).toHaveLength(MAX_LISTED_REJECTS);
    const cli = grantlensSync('import', 'areas', path, '--db', join(tempDir(), 'cli.sqlite'));
    expect(cli.code).toBe(2);
    expect(cli.stdout.split('\n').filter((line) => line.startsWith('  row '))).toHaveLength(MAX_LISTED_REJECTS);
    expect(cli.stdout).toMatch(/\n {2}\.\.\. and 40\u00a0000 more rejected rows\n/);

    const definitions = ['Kod;Namn;Enhet;Bättre', 'EGEN01;Egen;%;lägre'];
    for (let i = 0; i < 12_000; i++) definitions.push(i % 2 ? `fel kod;Namn;%;lägre` : `EGEN${i};Namn;%;kanske`);
    const defined = await importDefinitions(store.db, file('definitions.csv', definitions.join('\n')), { dryRun: false, strict: false });
    expect(defined).toMatchObject({ rows: 12_001, accepted: 1, rejected: 12_000 });
    expect(defined.rejects).toHaveLength(MAX_LISTED_REJECTS);
  });

  it('refuses an area, definition or Kolada KPI file whose first 1,000 rows all fail for one reason, and writes nothing', async () => {
    const store = newStore();
    const areasBefore = store.db.prepare('SELECT count(*) FROM stat_areas').pluck().get();
    const areas = ['Kod;Namn'];
    for (let i = 0; i < 50_000; i++) areas.push(`X${i};Ingenstans`);
    const refused = await refusal(importAreas(store.db, file('areas.csv', areas.join('\n')), { dryRun: false, strict: false }));
    expect(refused.code).toBe('IMPORT_REJECTED');
    expect(refused.details).toMatchObject({ rows: 1000, reject: { row: 2, field: 'Kod', code: 'areaCodeInvalid' } });
    expect(store.db.prepare('SELECT count(*) FROM stat_areas').pluck().get()).toBe(areasBefore);

    const indicatorsBefore = store.db.prepare('SELECT count(*) FROM indicators').pluck().get();
    const definitions = ['Kod;Namn;Enhet;Bättre'];
    for (let i = 0; i < 5000; i++) definitions.push(`EGEN${i};Namn;;lägre`);
    const csv = await refusal(importDefinitions(store.db, file('definitions.csv', definitions.join('\n')), { dryRun: false, strict: false }));
    expect(csv.details).toMatchObject({ rows: 1000, reject: { row: 2, field: 'Enhet', code: 'unitEmpty' } });
    const kpis = JSON.stringify({ values: Array.from({ length: 5000 }, (_, i) => ({ id: `N${i}`, title: '' })) });
    const kolada = await refusal(importDefinitions(store.db, file('kpi.json', kpis), { dryRun: false, strict: false }));
    expect(kolada.details).toMatchObject({ rows: 1000, reject: { field: 'title', code: 'nameEmpty' } });
    expect(store.db.prepare('SELECT count(*) FROM indicators').pluck().get()).toBe(indicatorsBefore);
  });
});

describe('an XLSX file, bounded before it is read', () => {
  const sst = (strings: string[]) => Buffer.from(`<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${strings.map((s) => `<si><t>${s}</t></si>`).join('')}`);
  const sheetXml = (rows: string[][]) =>
    Buffer.from(
      `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows
        .map((cells, r) => `<row r="${r + 1}">${cells.map((index, c) => `<c r="${String.fromCharCode(65 + c)}${r + 1}" t="s"><v>${index}</v></c>`).join('')}</row>`)
        .join('')}</sheetData></worksheet>`,
    );
  const end = (xml: string): ZipMember => ({ name: '', piece: Buffer.from(xml) });

  it('reads a hand-made workbook, so the refusals below are about size alone', async () => {
    const path = file('ok.xlsx', await zipOf(workbookMembers({ name: '', piece: Buffer.concat([sst(['Kod', '0114R001']), Buffer.from('</sst>')]) }, { name: '', piece: sheetXml([['0'], ['1']]) })));
    const source = await openTabular(path);
    expect(source.headers).toEqual(['Kod']);
    await source.close();
  });

  it('refuses a zip bomb of shared strings unread, with the limit it breaks, and changes nothing', async () => {
    const store = newStore();
    // 150 MiB of shared strings in a file of a few hundred kilobytes.
    const piece = sst(Array.from({ length: 1000 }, () => 'Malmö stad'));
    const strings = { name: '', piece, times: Math.ceil((150 * 2 ** 20) / piece.length) };
    const bomb = await zipOf(workbookMembers(strings, end('<worksheet/>')));
    expect(bomb.length).toBeLessThan(2 * 2 ** 20);
    const path = file('bomb.xlsx', bomb);
    const register = await refusal(importRegister(store.db, path, registerOptions));
    expect(register.code).toBe('XLSX_TOO_LARGE');
    expect(register.details).toEqual({ limit: '100 MiB', entry: 'xl/sharedStrings.xml' });
    const indicators = await refusal(importIndicators(store.db, path, indicatorOptions()));
    expect(indicators.code).toBe('XLSX_TOO_LARGE');
    expect(store.db.prepare('SELECT (SELECT count(*) FROM applications) + (SELECT count(*) FROM indicator_points)').pluck().get()).toBe(0);
  });

  it('refuses a zip whose directory understates what its shared strings expand to, by the bytes they inflate to, quickly and in bounded memory', async () => {
    // 150 MiB of well-formed shared strings that the local header and the directory both say are 1 KiB.
    const piece = Buffer.from('<si><t>Malmö stad</t></si>'.repeat(1000));
    const around: [Buffer, Buffer] = [sst([]), Buffer.from('</sst>')];
    const lying = { name: '', piece, around, times: Math.ceil((150 * 2 ** 20) / piece.length), stated: 1024 };
    const sized = await refusal(openTabular(file('lying.xlsx', await zipOf(workbookMembers(lying, end('<worksheet/>'))))));
    expect(sized).toMatchObject({ code: 'XLSX_TOO_LARGE', details: { limit: '200 times its compressed size', entry: 'xl/sharedStrings.xml' } });
    // With the sizes after the data, as exceljs writes them, the compressed size is not known until the end.
    const path = file('after.xlsx', await zipOf(workbookMembers({ ...lying, descriptor: true }, end('<worksheet/>'))));
    expect(await refusal(openTabular(path))).toMatchObject({ code: 'XLSX_TOO_LARGE', details: { limit: '100 MiB', entry: 'xl/sharedStrings.xml' } });

    // exceljs would hold every one of those strings: far past a heap of 128 MB.
    const cli = await grantlensMeasured(['--max-old-space-size=128'], 'import', 'indicators', path, '--db', join(tempDir(), 'cli.sqlite'));
    expect(cli).toMatchObject({ code: 2, stdout: '' });
    expect(cli.stderr).toMatch(/would expand past 100 MiB \(xl\/sharedStrings\.xml\)/);
    expect(cli.peakRssBytes).toBeLessThan(200 * 2 ** 20);
    expect(cli.seconds).toBeLessThan(10);
  });

  it('inflates an entry hidden after the directory too, as exceljs would read it there', async () => {
    const workbook = await zipOf(workbookMembers({ name: '', piece: Buffer.concat([sst(['Kod']), Buffer.from('</sst>')]) }, { name: '', piece: sheetXml([['0']]) }));
    const piece = Buffer.from('<si><t>Malmö stad</t></si>'.repeat(1000));
    const bomb = await zipOf([{ name: 'xl/sharedStrings.xml', piece, times: Math.ceil((150 * 2 ** 20) / piece.length), descriptor: true }]);
    // The bomb's local entry, between the workbook's directory and its end record: the directory does not list it.
    const bombEntry = bomb.subarray(0, bomb.readUInt32LE(bomb.length - 6));
    const hidden = Buffer.concat([workbook.subarray(0, workbook.length - 22), bombEntry, workbook.subarray(workbook.length - 22)]);
    expect(await refusal(openTabular(file('hidden.xlsx', hidden)))).toMatchObject({ code: 'XLSX_TOO_LARGE', details: { limit: '100 MiB', entry: 'xl/sharedStrings.xml' } });
  });

  it('refuses an entry that expands far more than spreadsheets do, and a file that is not a zip or is cut off', async () => {
    // 20 MiB of the white space XML allows between elements: a thousand to one, as bombs are.
    const sheet = { name: '', piece: Buffer.alloc(2 ** 20, ' '), times: 20 };
    const ratio = await refusal(openTabular(file('ratio.xlsx', await zipOf(workbookMembers({ name: '', piece: sst(['a']) }, sheet)))));
    expect(ratio).toMatchObject({ code: 'XLSX_TOO_LARGE', details: { limit: '200 times its compressed size', entry: 'xl/worksheets/sheet1.xml' } });

    // A text file named .xlsx is named as the wrong kind before its zip directory is looked for.
    const notZip = await refusal(openTabular(file('notes.xlsx', 'Diarienummer;Titel\n2021-00001;Läxhjälp\n')));
    expect(notZip).toMatchObject({ code: 'FILE_WRONG_KIND', details: { expected: 'xlsx', found: 'csv' } });
    const whole = await zipOf(workbookMembers({ name: '', piece: Buffer.concat([sst(['Kod']), Buffer.from('</sst>')]) }, { name: '', piece: sheetXml([['0']]) }));
    const cut = await refusal(openTabular(file('cut.xlsx', whole.subarray(0, whole.length - 30))));
    expect(cut).toMatchObject({ code: 'FILE_MALFORMED', details: { problem: 'xlsxUnreadable' } });
  });
});
