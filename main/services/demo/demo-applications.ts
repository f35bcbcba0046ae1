import type { Database } from 'better-sqlite3';
import type { ApplicantType, Stage, Status } from '../../contract/calls';
import { splitByYear } from '../../domain/money-by-year';
import type { DemoCall } from './demo-calls';
import { DemoFollowUp } from './demo-follow-up';
import { districts, type DemoOrganisation, type DemoOrganisations } from './demo-organisations';
import type { DemoWorld, Municipality } from './demo-world';
import { WeightedTable, type Random } from './random';

interface Draft {
  organisation: DemoOrganisation;
  municipality: Municipality;
  stage: Stage;
  title: string;
  firstYear: number;
  lastYear: number;
  requestedOre: number;
  evaluationOre: number | null;
  receivedOn: string;
  score: number;
  status: Status;
  grantedOre: number;
}

export interface ApplicationCounts {
  applications: number;
  decisions: number;
  payments: number;
}

const applicantMix: [ApplicantType, number][] = [
  ['municipality', 0.5],
  ['region', 0.07],
  ['municipal_federation', 0.04],
  ['non_profit', 0.34],
  ['foundation', 0.05],
];

// Relative size of requests by applicant type. Requests are sized so that what the granted share
// asks for is a little more than the budget: the agency has to cut, and most of the budget is used.
const requestWeight: Record<ApplicantType, number> = {
  municipality: 1.3,
  region: 1.6,
  municipal_federation: 1,
  non_profit: 0.45,
  foundation: 0.6,
  other: 0.5,
};
const GRANTED_REQUESTS_PER_BUDGET = 0.9;

// The programme moved from mapping and analysis towards long-term work and, from 2021, evaluation.
function stageWeights(year: number): number[] {
  if (year === 2018) return [0.5, 0.3, 0.2, 0, 0];
  if (year === 2019) return [0.3, 0.3, 0.3, 0.1, 0];
  if (year === 2020) return [0.2, 0.25, 0.3, 0.25, 0];
  return [0.1, 0.15, 0.2, 0.45, 0.1];
}
const stageList: Stage[] = ['survey', 'needs_analysis', 'plan', 'long_term', 'evaluation'];

const longTermTitles = [
  'Läxhjälp och mentorskap i {d}',
  'Vägar till arbete för unga i {m}',
  'Trygga mötesplatser i {d}',
  'Föräldrastöd i {m}',
  'Språkcafé och samhällsinformation i {d}',
  'Sommarjobb och praktik i {m}',
  'Idrott och fritid för alla i {d}',
];

function title(random: Random, stage: Stage, m: Municipality): string {
  const district = `${m.name} ${random.pick(districts)}`;
  const template = {
    survey: 'Kartläggning av segregationen i {m}',
    needs_analysis: 'Behovsanalys för {d}',
    plan: 'Plan för fortsatt arbete mot segregation i {m}',
    long_term: random.pick(longTermTitles),
    evaluation: 'Följeforskning om insatser mot segregation i {m}',
  }[stage];
  return template.replace('{m}', m.name).replace('{d}', district);
}

function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function addDays(iso: string, days: number): string {
  const date = new Date(`${iso}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return isoDate(date);
}

function roundSek(sek: number, step: number): number {
  return Math.max(step, Math.round(sek / step) * step) * 100;
}

/** Who applies: municipalities in proportion to their size, regions for a town in their county. */
interface Pickers {
  orgs: DemoOrganisations;
  municipalityOrgs: Map<string, DemoOrganisation>;
  homes: WeightedTable<Municipality>;
  homesInCounty: Map<string, WeightedTable<Municipality>>;
}

function pickers(world: DemoWorld, orgs: DemoOrganisations): Pickers {
  const homesInCounty = new Map<string, WeightedTable<Municipality>>();
  for (const county of world.counties) {
    const inCounty = world.municipalities.filter((m) => m.countyCode === county.code);
    homesInCounty.set(county.code, new WeightedTable(inCounty, inCounty.map((m) => m.weight)));
  }
  return {
    orgs,
    municipalityOrgs: new Map(orgs.byType.get('municipality')!.map((org) => [org.municipality.code, org])),
    homes: new WeightedTable(world.municipalities, world.municipalities.map((m) => m.weight)),
    homesInCounty,
  };
}

function draft(random: Random, call: DemoCall, pick: Pickers): Draft {
  const type = random.weighted(
    applicantMix.map(([t]) => t),
    applicantMix.map(([, w]) => w),
  );
  const organisation =
    type === 'municipality'
      ? pick.municipalityOrgs.get(pick.homes.draw(random).code)!
      : random.pick(pick.orgs.byType.get(type)!);
  const municipality =
    type === 'region' ? pick.homesInCounty.get(organisation.municipality.countyCode)!.draw(random) : organisation.municipality;
  const stage = random.weighted(stageList, stageWeights(call.baseYear));
  const years = call.baseYear >= 2021 && (stage === 'long_term' || stage === 'evaluation') && random.chance(0.5) ? random.int(2, 3) : 1;
  const median = (GRANTED_REQUESTS_PER_BUDGET * call.budgetOre) / 100 / (call.applications * call.grantRate) / years;
  const perYear = Math.min(10_000_000, Math.max(50_000, random.logNormal(median * requestWeight[type], 0.8)));
  const requestedOre = roundSek(perYear * years, 1000);
  const evaluationShare = call.baseYear >= 2021 ? 0.35 : 0.1;
  const evaluationOre =
    stage === 'evaluation' ? requestedOre : random.chance(evaluationShare) ? roundSek((requestedOre / 100) * random.between(0.05, 0.15), 1000) : null;
  const score =
    0.8 * municipality.disadvantage + (evaluationOre !== null ? 0.6 : 0) + (type === 'non_profit' ? -0.2 : 0.2) + random.normal();
  return {
    organisation,
    municipality,
    stage,
    title: title(random, stage, municipality),
    firstYear: call.year,
    lastYear: call.year + years - 1,
    requestedOre,
    evaluationOre,
    receivedOn: addDays(call.opensOn, random.int(0, 75)),
    score,
    status: 'rejected',
    grantedOre: 0,
  };
}

/** The call's share is granted, best-scored first, and grants are cut back to fit its budget. */
function decide(random: Random, call: DemoCall, drafts: Draft[], lastYear: number): void {
  const ranked = [...drafts].sort((a, b) => b.score - a.score);
  const grantedCount = Math.round(ranked.length * call.grantRate);
  ranked.forEach((d, rank) => {
    if (rank < grantedCount) {
      const partly = random.chance(0.3);
      d.status = partly ? 'partly_granted' : 'granted';
      d.grantedOre = partly ? roundSek((d.requestedOre / 100) * random.between(0.4, 0.85), 1000) : d.requestedOre;
    } else if (random.chance(0.04)) d.status = 'withdrawn';
    else if (call.year === lastYear && random.chance(0.1)) d.status = 'in_review';
  });
  const total = drafts.reduce((sum, d) => sum + d.grantedOre, 0);
  const ceiling = call.budgetOre * random.between(0.88, 0.97);
  if (total > ceiling) {
    const factor = ceiling / total;
    for (const d of drafts) if (d.grantedOre > 0) d.grantedOre = roundSek((d.grantedOre / 100) * factor, 1000);
  }
}

export function insertApplications(
  db: Database,
  world: DemoWorld,
  orgs: DemoOrganisations,
  calls: DemoCall[],
  random: Random,
  scale: number,
  onProgress: (done: number) => void,
): ApplicationCounts {
  const insertApplication = db.prepare(`INSERT INTO applications
    (case_number, call_id, organisation_id, title, summary, stage, municipality_code, first_year, last_year,
     requested_ore, includes_evaluation, evaluation_ore, status, received_on)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const insertDecision = db.prepare(
    'INSERT INTO decisions (application_id, decided_on, granted_ore, conditions) VALUES (?, ?, ?, ?)',
  );
  const insertPayment = db.prepare('INSERT INTO payments (decision_id, kind, paid_on, amount_ore) VALUES (?, ?, ?, ?)');
  const pick = pickers(world, orgs);
  const lastYear = Math.max(...calls.map((c) => c.year));
  const counts: ApplicationCounts = { applications: 0, decisions: 0, payments: 0 };
  const followUp = new DemoFollowUp(db, orgs, random, world.calendar.today);

  for (const call of calls) {
    const drafts = Array.from({ length: call.applications * scale }, () => draft(random, call, pick));
    decide(random, call, drafts, lastYear);
    drafts.forEach((d, i) => {
      const applicationId = insertApplication.run(
        `${call.year}-${String(i + 1).padStart(5, '0')}`,
        call.id,
        d.organisation.id,
        d.title,
        followUp.summary(d.stage),
        d.stage,
        d.municipality.code,
        d.firstYear,
        d.lastYear,
        d.requestedOre,
        d.evaluationOre === null ? 0 : 1,
        d.evaluationOre,
        d.status,
        d.receivedOn,
      ).lastInsertRowid;
      counts.applications++;
      const decidedOn = addDays(call.closesOn, random.int(30, 90));
      followUp.application(applicationId, d.organisation.id, d, decidedOn);
      if (d.grantedOre > 0) {
        const conditions = d.status === 'partly_granted' ? 'Beviljas delvis. Slutrapport senast sex månader efter projektets slut.' : null;
        const decisionId = insertDecision.run(applicationId, decidedOn, d.grantedOre, conditions).lastInsertRowid;
        counts.decisions++;
        followUp.decision(decisionId, applicationId, d);
        counts.payments += insertPayments(insertPayment, random, decisionId, d, decidedOn);
      }
      if (counts.applications % 1000 === 0) onProgress(counts.applications);
    });
  }
  onProgress(counts.applications);
  return counts;
}

/** One payment a grant year; some grantees later pay back money they did not use. */
function insertPayments(
  insert: { run: (...params: unknown[]) => unknown },
  random: Random,
  decisionId: number | bigint,
  d: Draft,
  decidedOn: string,
): number {
  const years = splitByYear(d.grantedOre, d.firstYear, d.lastYear);
  for (const { year, ore } of years) {
    insert.run(decisionId, 'payment', year === d.firstYear ? addDays(decidedOn, 14) : `${year}-02-15`, ore);
  }
  let rows = years.length;
  if (random.chance(0.08)) {
    const repayment = roundSek((years[0]!.ore / 100) * random.between(0.05, 0.3), 100);
    insert.run(decisionId, 'repayment', `${d.lastYear + 1}-06-30`, Math.min(repayment, d.grantedOre));
    rows++;
  }
  return rows;
}
