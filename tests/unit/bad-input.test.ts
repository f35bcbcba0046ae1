import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../main/contract/errors';
import { importIndicators, type IndicatorImportOptions } from '../../main/importers/indicators/import-indicators';
import { parseWorkerAt } from '../../main/importers/indicators/parse-in-worker';
import { importRegister } from '../../main/importers/register/import-register';
import { openStore, type Store } from '../../main/store/open-store';
import { builtFile } from '../support/built';
import { resourcesDir, useTempDir } from '../support/temp-dir';

// Files a probe of the importers found to hang, crash or half-write, each refused or reported in
// a sentence a user can act on, the store left as it was.

const tempDir = useTempDir();

function newStore(): Store {
  return openStore(join(tempDir(), 'store.sqlite'), { resourcesDir });
}

function file(name: string, content: string | Buffer): string {
  const path = join(tempDir(), name);
  writeFileSync(path, content);
  return path;
}

const indicatorOptions = (extra: Partial<IndicatorImportOptions> = {}): IndicatorImportOptions => ({ dryRun: false, strict: false, progress: () => {}, ...extra });
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
    expect(error.code).toBe('INVALID_ARGUMENT');
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
