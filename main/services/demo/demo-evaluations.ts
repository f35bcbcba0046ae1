import type { Database } from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { GRANTED_STATUSES } from '../evaluation/treatment';
import { storedValue, suggestComparisons } from '../evaluation/places';
import { treatment } from '../evaluation/treatment';
import { sql, sqlList } from '../../store/sql';
import type { DemoCalendar } from './demo-calendar';
import { addDays } from './demo-follow-up';
import type { DemoEffect } from './demo-indicators';
import type { Random } from './random';

// Evaluation plans for the demo's multi-year grants that fund evaluation or follow-research: what
// an evaluator would have recorded by the day the demo is loaded on, so every view of the section has something
// to show on first start. The places of these grants also move on the indicators they track (see
// `followResearchStarts` and the indicators' `effect`), so the effect estimate finds something.

const evaluators = ['Malmö universitet', 'Göteborgs universitet', 'Stockholms universitet', 'Umeå universitet', 'Linköpings universitet', 'Ramböll', 'Sweco', 'FoU Välfärd'];
const questions = [
  'Når insatsen de boende som den riktar sig till?',
  'Hur har samverkan mellan kommun, skola och civilsamhälle utvecklats?',
  'Förändras sysselsättningen i området mer än i jämförbara områden?',
  'Vilka delar av insatsen upplever deltagarna som mest värdefulla?',
  'Går arbetssättet att föra över till ordinarie verksamhet?',
];
const findings: [string, 'register_data' | 'survey' | 'interviews' | 'observation' | 'document_review' | 'case_study'][] = [
  ['Deltagarna i läxhjälpen har högre närvaro i skolan än före insatsen.', 'register_data'],
  ['Föräldrar beskriver att de fått bättre kontakt med skolan.', 'interviews'],
  ['Samverkan mellan socialtjänst och föreningar har blivit mer regelbunden.', 'document_review'],
  ['Färre unga i området saknar sysselsättning än vid starten.', 'register_data'],
  ['Mötesplatsen används mest av kvinnor över 40 år; unga män når insatsen sämre.', 'survey'],
  ['Arbetssättet har tagits in i kommunens ordinarie budget från nästa år.', 'case_study'],
];
const risks: [string, string][] = [
  ['Nyckelpersoner i projektledningen slutar.', 'Dokumentera arbetssätt och dela ansvaret på två personer.'],
  ['Låg svarsfrekvens i enkäten till boende.', 'Enkät på flera språk och påminnelser via föreningarna.'],
  ['Registerdata för området kommer med två års fördröjning.', 'Komplettera med kommunens egna uppgifter.'],
  ['Fastighetsägarens renovering flyttar boende ur området.', 'Följ flyttningar och redovisa dem i analysen.'],
];

/** The first year of each municipality's earliest granted application with evaluation or follow-research. */
export function followResearchStarts(db: Database): Map<string, number> {
  const query = sql`SELECT municipality_code AS geo, min(first_year) AS year FROM applications
                     WHERE status IN ${sqlList(GRANTED_STATUSES)} AND includes_evaluation = 1 AND municipality_code IS NOT NULL
                     GROUP BY municipality_code`;
  return new Map((db.prepare(query.text).all(...query.params) as { geo: string; year: number }[]).map((row) => [row.geo, row.year]));
}

/**
 * Follow-research grants work: employment rises and unemployment falls in their municipalities from
 * the first year, a little more each year after, beside the trend every municipality shares.
 */
export function followResearchEffect(starts: ReadonlyMap<string, number>): DemoEffect {
  const perYear: Record<string, [number, number]> = { AM0207AC: [0.8, 0.5], N00914: [-0.5, -0.3] };
  return (indicator, m, year) => {
    const start = starts.get(m.code);
    const step = perYear[indicator];
    return start === undefined || step === undefined || year < start ? 0 : step[0] + step[1] * (year - start);
  };
}

/** A version 4 UUID from the demo's own sequence, so the same seed gives the same uids. */
function uuid(random: Random): string {
  const hex = Array.from({ length: 32 }, () => random.int(0, 15).toString(16));
  hex[12] = '4';
  hex[16] = (8 + random.int(0, 3)).toString(16);
  const text = hex.join('');
  return `${text.slice(0, 8)}-${text.slice(8, 12)}-${text.slice(12, 16)}-${text.slice(16, 20)}-${text.slice(20)}`;
}

interface Grant {
  id: number;
  stage: string;
  municipality_code: string;
  first_year: number;
  last_year: number;
}

export function insertEvaluations(db: Database, random: Random, { today, year }: DemoCalendar): void {
  const stamp = `${today}T12:00:00.000Z`;
  const grantQuery = sql`SELECT id, stage, municipality_code, first_year, last_year FROM applications
                          WHERE status IN ${sqlList(GRANTED_STATUSES)} AND last_year > first_year AND includes_evaluation = 1
                            AND municipality_code IS NOT NULL ORDER BY id`;
  const grants = db.prepare(grantQuery.text).all(...grantQuery.params) as Grant[];
  const insert = (table: string, columns: string[]) => {
    const statement = db.prepare(`INSERT INTO ${table} (uid, updated_at, ${columns.join(', ')}) VALUES (?, ?, ${columns.map(() => '?').join(', ')})`);
    return (...values: unknown[]) => Number(statement.run(uuid(random), stamp, ...values).lastInsertRowid);
  };
  const plan = insert('evaluation_plans', ['application_id', 'kind', 'evaluator', 'method', 'starts_on', 'ends_on']);
  const question = insert('evaluation_questions', ['plan_id', 'position', 'question']);
  const outcome = insert('evaluation_outcomes', ['plan_id', 'position', 'title']);
  const tracked = insert('outcome_indicators', ['outcome_id', 'indicator_code', 'sex', 'level', 'geo_code', 'baseline_year', 'baseline_value']);
  const target = insert('outcome_targets', ['outcome_indicator_id', 'year', 'value']);
  const comparison = insert('comparison_places', ['outcome_indicator_id', 'geo_code', 'chosen_by']);
  const milestone = insert('evaluation_milestones', ['plan_id', 'kind', 'title', 'due_on', 'status', 'done_on', 'report_id']);
  const finding = insert('evaluation_findings', ['plan_id', 'question_id', 'statement', 'evidence_type', 'strength', 'found_on', 'source']);
  const risk = insert('evaluation_risks', ['plan_id', 'description', 'likelihood', 'impact', 'mitigation', 'status', 'noted_on']);
  const note = insert('evaluation_notes', ['plan_id', 'written_at', 'written_by', 'body']);
  const attachment = insert('evaluation_attachments', ['plan_id', 'name', 'mime', 'size', 'sha256', 'added_on', 'content']);
  const reportOf = db.prepare('SELECT id FROM reports WHERE application_id = ? AND kind = ? AND due_on = ?').pluck();

  // Which municipalities grants treat does not change while the plans are written: read it once.
  const treatedMunicipalities = treatment(db, { level: 'municipality' }).firstYears;
  for (const grant of grants) {
    const followResearch = grant.stage === 'evaluation' || random.chance(0.5);
    const planId = plan(
      grant.id,
      followResearch ? 'follow_research' : random.pick(['external_evaluation', 'self_evaluation']),
      random.pick(evaluators),
      followResearch ? random.pick(['did', 'comparison_areas']) : random.pick(['before_after', 'qualitative']),
      `${grant.first_year}-03-01`,
      `${grant.last_year + 1}-06-30`,
    );
    const questionIds = [0, 1, 2].map((position) => question(planId, position + 1, questions[(grant.id + position) % questions.length]));

    const trackedIndicators: [string, string, number][] = [['Fler i arbete', 'AM0207AC', 1]];
    if (random.chance(0.5)) trackedIndicators.push(['Färre arbetslösa', 'N00914', -0.5]);
    trackedIndicators.forEach(([title, indicator, stepPerYear], position) => {
      const place = { indicator, sex: 'T' as const, level: 'municipality' as const, geo: grant.municipality_code };
      const baseYear = grant.first_year - 1;
      const baseline = storedValue(db, place, baseYear);
      const trackedId = tracked(outcome(planId, position + 1, title), indicator, 'T', 'municipality', grant.municipality_code, baseYear, baseline);
      for (let year = grant.first_year; year <= grant.last_year; year++) target(trackedId, year, Math.round((baseline + stepPerYear * (year - baseYear)) * 10) / 10);
      for (const geo of suggestComparisons(db, place, baseYear, 4, treatedMunicipalities)) comparison(trackedId, geo, 'suggested');
    });

    // Each grant keeps its own days for what is not tied to the register's reports, so that whatever
    // the day some deadline falls within the next 30 days. (`days` shares no factor with 7, so every one of them is used.)
    const spread = (from: string, days: number) => addDays(from, (grant.id * 7) % days);
    const due: [kind: 'milestone' | 'deliverable', title: string, dueOn: string, report: [string, string] | null][] = [
      ['milestone', 'Startmöte med projektledningen', `${grant.first_year}-03-15`, null],
      ['deliverable', 'Utgångsläge och utvärderingsplan', spread(`${grant.first_year}-08-15`, 60), null],
    ];
    for (let year = grant.first_year; year <= grant.last_year; year++) {
      due.push(['milestone', `Avstämning med projektledningen ${year}`, spread(`${year}-05-15`, 120), null], ['deliverable', `Delrapport ${year}`, spread(`${year}-10-20`, 57), null]);
      if (year < grant.last_year) due.push(['deliverable', `Lägesrapport ${year}`, `${year + 1}-01-31`, ['progress', `${year + 1}-01-31`]]);
    }
    due.push(
      ['milestone', `Analys av registerdata ${grant.last_year}`, `${grant.last_year + 1}-01-31`, null],
      ['deliverable', 'Slutrapport', `${grant.last_year + 1}-03-31`, ['final', `${grant.last_year + 1}-03-31`]],
      ['milestone', 'Slutseminarium', `${grant.last_year + 1}-05-31`, null],
    );
    for (const [kind, title, dueOn, report] of due) {
      const past = dueOn < today;
      // What fell due more than a quarter ago is done; of the last quarter's, a little is late, which is
      // what the dashboard is for: most grants are on track, a few late.
      const done = past && random.chance(dueOn < addDays(today, -90) ? 0.998 : 0.85);
      const doneOn = done ? [addDays(dueOn, random.int(-20, 25))].map((day) => (day > today ? today : day))[0]! : null;
      const status = done ? 'done' : past || random.chance(0.3) ? 'in_progress' : 'planned';
      milestone(planId, kind, title, dueOn, status, doneOn, report ? ((reportOf.get(grant.id, ...report) as number | undefined) ?? null) : null);
    }

    const found = grant.first_year < year(2025) ? random.int(1, 3) : 0;
    for (let i = 0; i < found; i++) {
      const [statement, evidence] = findings[(grant.id + i * 2) % findings.length]!;
      const foundOn = addDays(`${grant.first_year}-12-15`, random.int(0, 400));
      finding(planId, questionIds[i % questionIds.length], statement, evidence, random.pick(['weak', 'moderate', 'strong']), foundOn > today ? today : foundOn, `Delrapport ${foundOn.slice(0, 4)}`);
    }
    for (let i = random.int(1, 2); i > 0; i--) {
      const [description, mitigation] = random.pick(risks);
      const grave = random.chance(0.12);
      risk(planId, description, grave ? 'high' : random.pick(['low', 'medium']), grave ? 'high' : random.pick(['low', 'medium', 'high']), mitigation, random.chance(0.8) ? 'open' : 'closed', `${grant.first_year}-04-15`);
    }
    note(planId, `${grant.first_year}-05-02T09:30:00.000Z`, 'utvarderare', 'Avstämning med projektledningen: insatsen har kommit i gång enligt plan.');
    if (random.chance(0.3)) {
      const content = Buffer.from('Intervjuguide\n\n1. Hur kom du i kontakt med verksamheten?\n2. Vad har den betytt för dig?\n3. Vad skulle kunna bli bättre?\n', 'utf8');
      attachment(planId, 'Intervjuguide.txt', 'text/plain', content.length, createHash('sha256').update(content).digest('hex'), `${grant.first_year}-05-02`, content);
    }
  }
}
