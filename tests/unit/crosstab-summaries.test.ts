import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applicantTypes, stages, statuses } from '../../main/contract/domains/store';
import { checkSummaries, rebuildSummaries } from '../../main/domain/crosstab/summaries';
import { importAreas } from '../../main/importers/areas/import-areas';
import { importRegister } from '../../main/importers/register/import-register';
import { generateDemo } from '../../main/services/demo/generate-demo';
import { updateApplication } from '../../main/services/register/application-edit';
import { undoLastEdit } from '../../main/domain/audit';
import { addDecision, addPayment } from '../../main/services/register/follow-up-edit';
import { openStore, type Store } from '../../main/store/open-store';
import { resourcesDir } from '../support/temp-dir';
import { DEMO_BASE_DAY } from '../../main/services/demo/demo-calendar';

// Random sequences of the register's writes, each followed by the store's summaries compared with a
// fresh GROUP BY of the records: they must agree after every step.

let dir: string;
let template: string;
let orgNumbers: string[];
/** RegSOs of the municipalities the steps use, and one of each that no store has until an areas import adds it. */
let regsos: string[];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'grantlens-summaries-'));
  template = join(dir, 'template.sqlite');
  const store = openStore(template, { resourcesDir });
  generateDemo({ store, progress: () => {} }, { scale: 1, seed: 11, today: DEMO_BASE_DAY });
  orgNumbers = store.db.prepare('SELECT org_number FROM organisations WHERE org_number IS NOT NULL ORDER BY id LIMIT 20').pluck().all() as string[];
  const known = store.db.prepare("SELECT code FROM stat_areas WHERE kind = 'regso' AND municipality_code IN ('0180', '1280', '1480', '0380') ORDER BY code").pluck().all() as string[];
  regsos = [...known, '0180R900', '1280R900'];
  // Some applications of those municipalities name target areas from the start, of one or two types.
  const areasOf = store.db.prepare("SELECT code FROM stat_areas WHERE kind = 'regso' AND municipality_code = ? ORDER BY code").pluck();
  const setAreas = store.db.prepare('UPDATE applications SET target_areas = ? WHERE id = ?');
  const named = store.db.prepare("SELECT id, municipality_code FROM applications WHERE id % 3 = 0 AND municipality_code IN ('0180', '1280', '1480', '0380')").all() as { id: number; municipality_code: string }[];
  for (const { id, municipality_code } of named) setAreas.run((areasOf.all(municipality_code) as string[]).slice(id % 2, 2 + (id % 2)).join(','), id);
  // One file, no WAL beside it, so a copy is the whole store.
  store.db.pragma('wal_checkpoint(TRUNCATE)');
  store.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const MUNICIPALITIES = ['0180', '1280', '1480', '0380', null] as const;
const typeWords = { municipality: 'Kommun', region: 'Region', municipal_federation: 'Kommunalförbund', non_profit: 'Ideell förening', foundation: 'Stiftelse', other: 'Annan' };
const statusWords = { received: 'Inkommen', in_review: 'Under handläggning', granted: 'Beviljad', partly_granted: 'Delvis beviljad', rejected: 'Avslag', withdrawn: 'Återkallad' };
const stageWords = { survey: 'Kartläggning', needs_analysis: 'Behovsanalys', plan: 'Plan', long_term: 'Insats', evaluation: 'Utvärdering' };

const pick = fc.nat({ max: 10_000 });
/** Codes picked from `regsos` by position (it is filled once the template is made), with a stray word. */
const targetAreas = fc.array(fc.oneof(pick, fc.constant(-1)), { maxLength: 3 }).map((picks) => (codes: string[]) =>
  picks.map((at) => (at < 0 ? 'Centrum' : codes[at % codes.length]!)).join(picks.length % 2 === 0 ? ', ' : ';'));
const action = fc.oneof(
  fc.record({
    kind: fc.constant('edit' as const),
    at: pick,
    changes: fc.record(
      {
        stage: fc.constantFrom(...stages),
        status: fc.constantFrom(...statuses),
        municipalityCode: fc.constantFrom(...MUNICIPALITIES),
        requestedOre: fc.integer({ min: 0, max: 5_000_000_00 }),
        includesEvaluation: fc.boolean(),
        targetAreas,
      },
      { requiredKeys: [] },
    ),
  }),
  // An areas import: RegSOs classified anew (or for the first time) for a year, some of them new areas.
  fc.record({
    kind: fc.constant('importAreas' as const),
    rows: fc.array(fc.record({ at: pick, type: fc.integer({ min: 1, max: 5 }), year: fc.constantFrom(2015, 2020, 2021, 2023, 2025) }), { minLength: 1, maxLength: 6 }),
  }),
  fc.record({ kind: fc.constant('undo' as const) }),
  fc.record({ kind: fc.constant('decision' as const), at: pick, ore: fc.integer({ min: 1, max: 2_000_000_00 }) }),
  fc.record({ kind: fc.constant('payment' as const), at: pick, repayment: fc.boolean(), ore: fc.integer({ min: 1, max: 500_000_00 }) }),
  fc.record({
    kind: fc.constant('importApplications' as const),
    rows: fc.array(
      fc.record({
        existing: fc.boolean(),
        at: pick,
        org: pick,
        type: fc.constantFrom(...applicantTypes),
        municipality: fc.constantFrom('0180', '1280', '1480'),
        year: fc.constantFrom(2021, 2022, 2025),
        requested: fc.integer({ min: 1000, max: 2_000_000 }),
        granted: fc.option(fc.integer({ min: 0, max: 1_000_000 }), { nil: null }),
        status: fc.constantFrom(...statuses),
        stage: fc.constantFrom(...stages),
      }),
      { minLength: 1, maxLength: 3 },
    ),
  }),
  fc.record({ kind: fc.constant('importDecisions' as const), at: pick, ore: fc.integer({ min: 1, max: 3_000_000 }), day: fc.integer({ min: 1, max: 28 }) }),
  fc.record({ kind: fc.constant('importOrganisations' as const), org: pick, type: fc.constantFrom(...applicantTypes) }),
);
type Action = typeof action extends fc.Arbitrary<infer A> ? A : never;

function caseNumbers(store: Store): string[] {
  return store.db.prepare('SELECT case_number FROM applications ORDER BY id').pluck().all() as string[];
}

function idAt(store: Store, at: number, where = '1'): number | undefined {
  const ids = store.db.prepare(`SELECT id FROM applications WHERE ${where} ORDER BY id`).pluck().all() as number[];
  return ids.length === 0 ? undefined : ids[at % ids.length];
}

/** Runs one write as the app does; a write the app refuses (a rule it breaks) changes nothing, which is fine too. */
async function apply(store: Store, step: Action, file: string): Promise<void> {
  const { db } = store;
  const importFile = (kind: 'applications' | 'decisions' | 'organisations', text: string) => {
    writeFileSync(file, text);
    return importRegister(db, file, { kind, dryRun: false, strict: false, progress: () => {} });
  };
  try {
    switch (step.kind) {
      case 'edit': {
        const { targetAreas: areas, ...changes } = step.changes;
        updateApplication(db, idAt(store, step.at)!, areas === undefined ? changes : { ...changes, targetAreas: areas(regsos) });
        break;
      }
      case 'importAreas': {
        // The same area twice in one file is refused as a duplicate; keep the first.
        const rows = new Map(step.rows.map((row) => [`${regsos[row.at % regsos.length]}|${row.year}`, row]));
        const lines = [...rows].map(([key, row]) => `${key.split('|')[0]};${row.type};${row.year}`);
        writeFileSync(file, `Kod;Områdestyp;År\n${lines.join('\n')}\n`);
        await importAreas(db, file, { dryRun: false, strict: false });
        break;
      }
      case 'undo':
        undoLastEdit(db);
        break;
      case 'decision': {
        const id = idAt(store, step.at)!;
        const year = db.prepare('SELECT first_year FROM applications WHERE id = ?').pluck().get(id) as number;
        addDecision(db, id, { decidedOn: '2024-05-01', byYear: [{ year, grantedOre: step.ore }], conditions: null });
        break;
      }
      case 'payment': {
        const id = idAt(store, step.at, 'id IN (SELECT application_id FROM decisions)');
        if (id === undefined) break;
        const decisionId = db.prepare('SELECT min(id) FROM decisions WHERE application_id = ?').pluck().get(id) as number;
        addPayment(db, id, { decisionId, kind: step.repayment ? 'repayment' : 'payment', paidOn: '2024-06-01', amountOre: step.ore });
        break;
      }
      case 'importApplications': {
        const existing = caseNumbers(store);
        const lines = step.rows.map((row, i) => {
          const caseNumber = row.existing ? existing[row.at % existing.length]! : `${row.year}-9${String(row.at).padStart(4, '0')}${i}`;
          const org = orgNumbers[row.org % orgNumbers.length]!;
          return [caseNumber, `Sökande ${row.org}`, org, typeWords[row.type], row.municipality, '', row.year, row.requested, row.granted ?? '', statusWords[row.status], stageWords[row.stage]].join(';');
        });
        await importFile('applications', `Diarienummer;Sökande;Organisationsnummer;Typ;Kommun;Län;År;Sökt belopp;Beviljat belopp;Status;Steg\n${lines.join('\n')}\n`);
        break;
      }
      case 'importDecisions': {
        const existing = caseNumbers(store);
        await importFile('decisions', `Diarienummer;Beslutsdatum;Beviljat belopp;Villkor\n${existing[step.at % existing.length]};2024-03-${String(step.day).padStart(2, '0')};${step.ore};\n`);
        break;
      }
      case 'importOrganisations':
        await importFile('organisations', `Organisationsnummer;Namn;Typ\n${orgNumbers[step.org % orgNumbers.length]};Organisation ${step.org};${typeWords[step.type]}\n`);
        break;
    }
  } catch (error) {
    // Refused by the app's own rules: nothing was written.
    if (!(error instanceof Error && 'code' in error)) throw error;
  }
}

describe('the cross-tab summaries', () => {
  it('equal a fresh GROUP BY after every step of any sequence of register writes', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 1, maxLength: 8 }), async (steps) => {
        const path = join(dir, `run-${run++}.sqlite`);
        copyFileSync(template, path);
        const store = openStore(path, { resourcesDir });
        try {
          for (const step of steps) {
            await apply(store, step, join(dir, 'import.csv'));
            const check = checkSummaries(store.db);
            expect(check, JSON.stringify(step)).toEqual({ differing: 0, examples: [] });
          }
        } finally {
          store.close();
          rmSync(path, { force: true });
        }
      }),
      { numRuns: 30 },
    );
  });

  it('are made again from the records, and a check finds a summary that was tampered with', () => {
    const path = join(dir, 'rebuild.sqlite');
    copyFileSync(template, path);
    const store = openStore(path, { resourcesDir });
    const before = store.db.prepare('SELECT * FROM crosstab_summaries ORDER BY 1, 2, 3, 4, 5, 6').all();
    const beforeAreas = store.db.prepare('SELECT * FROM crosstab_area_summaries ORDER BY 1, 2, 3, 4, 5, 6, 7, 8').all();
    store.db.exec(
      'UPDATE crosstab_summaries SET granted = granted + 1 WHERE (call_id, municipality_code, applicant_type, stage, status, includes_evaluation) = (SELECT call_id, municipality_code, applicant_type, stage, status, includes_evaluation FROM crosstab_summaries LIMIT 1)',
    );
    store.db.exec("DELETE FROM crosstab_summaries WHERE status = 'rejected' AND stage = 'plan'");
    store.db.exec('UPDATE crosstab_area_summaries SET n = n + 1 WHERE area_type > 0 AND cuboid = 1');
    const check = checkSummaries(store.db);
    expect(check.differing).toBeGreaterThan(1);
    expect(check.examples.some((example) => example.kept === null && example.fresh !== null)).toBe(true);
    const tamperedAreas = store.db.prepare('SELECT count(*) FROM crosstab_area_summaries WHERE area_type > 0 AND cuboid = 1').pluck().get() as number;
    expect(tamperedAreas).toBeGreaterThan(0);
    expect(check.differing).toBeGreaterThan(tamperedAreas);
    rebuildSummaries(store.db);
    expect(checkSummaries(store.db).differing).toBe(0);
    expect(store.db.prepare('SELECT * FROM crosstab_summaries ORDER BY 1, 2, 3, 4, 5, 6').all()).toEqual(before);
    expect(store.db.prepare('SELECT * FROM crosstab_area_summaries ORDER BY 1, 2, 3, 4, 5, 6, 7, 8').all()).toEqual(beforeAreas);
    store.close();
  });
});
