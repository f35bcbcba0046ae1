import type { Database, Statement } from 'better-sqlite3';
import type { Stage, Status } from '../../contract/calls';
import { splitByYear } from '../../domain/money-by-year';
import type { DemoOrganisations } from './demo-organisations';
import type { Random } from './random';

const summaries: Record<Stage, string> = {
  survey: 'Kartläggning av boendesegregation, skolresultat och föreningsliv som underlag för kommunens fortsatta arbete.',
  needs_analysis: 'Behovsanalys tillsammans med civilsamhället och bostadsbolaget om vilka insatser som behövs i området.',
  plan: 'Plan för fortsatt arbete med mål, ansvar och uppföljning, förankrad i kommunstyrelsen.',
  long_term: 'Långsiktig insats för barn, unga och föräldrar, i samverkan med skola, socialtjänst och föreningar.',
  evaluation: 'Följeforskning som följer insatserna och mäter förändring i området över tid.',
};

export interface DemoApplication {
  stage: Stage;
  status: Status;
  firstYear: number;
  lastYear: number;
  requestedOre: number;
  grantedOre: number;
  receivedOn: string;
}

export function addDays(iso: string, days: number): string {
  const date = new Date(`${iso}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/**
 * What follows an application in the register: partners, the request by year, dated status
 * transitions, the decision by year and the reports a grantee owes (progress reports yearly, final
 * and financial reports after the last year; most of those due before the demo's today are in).
 */
export class DemoFollowUp {
  private readonly partner: Statement;
  private readonly year: Statement;
  private readonly transition: Statement;
  private readonly decisionYear: Statement;
  private readonly report: Statement;
  private readonly associations: { id: number }[];
  counts = { partners: 0, reports: 0 };

  constructor(
    db: Database,
    orgs: DemoOrganisations,
    private readonly random: Random,
    /** The day the demo is loaded on: reports due before it are mostly in (all but the last year's), later ones not yet. */
    private readonly today: string,
  ) {
    this.partner = db.prepare('INSERT OR IGNORE INTO application_partners (application_id, organisation_id, role) VALUES (?, ?, ?)');
    this.year = db.prepare('INSERT INTO application_years (application_id, year, requested_ore) VALUES (?, ?, ?)');
    this.transition = db.prepare('INSERT INTO status_transitions (application_id, status, changed_on) VALUES (?, ?, ?)');
    this.decisionYear = db.prepare('INSERT INTO decision_years (decision_id, year, granted_ore) VALUES (?, ?, ?)');
    this.report = db.prepare('INSERT INTO reports (application_id, kind, due_on, received_on) VALUES (?, ?, ?, ?)');
    this.associations = [...(orgs.byType.get('non_profit') ?? []), ...(orgs.byType.get('foundation') ?? [])];
  }

  summary(stage: Stage): string {
    return summaries[stage];
  }

  application(id: number | bigint, leadId: number, a: DemoApplication, decidedOn: string): void {
    for (const { year, ore } of splitByYear(a.requestedOre, a.firstYear, a.lastYear)) this.year.run(id, year, ore);
    // About a quarter of the applications have partners, often local associations.
    if (this.random.chance(0.25)) {
      for (let i = this.random.int(1, 2); i > 0; i--) {
        const partner = this.random.pick(this.associations);
        if (partner.id !== leadId) {
          this.partner.run(id, partner.id, this.random.chance(0.4) ? 'co_applicant' : 'partner');
          this.counts.partners++;
        }
      }
    }
    this.transition.run(id, 'received', a.receivedOn);
    if (a.status === 'received') return;
    this.transition.run(id, 'in_review', addDays(a.receivedOn, this.random.int(5, 20)));
    if (a.status === 'in_review') return;
    this.transition.run(id, a.status, a.status === 'withdrawn' ? addDays(a.receivedOn, this.random.int(25, 60)) : decidedOn);
  }

  decision(decisionId: number | bigint, applicationId: number | bigint, a: DemoApplication): void {
    for (const { year, ore } of splitByYear(a.grantedOre, a.firstYear, a.lastYear)) this.decisionYear.run(decisionId, year, ore);
    const due: ['progress' | 'final' | 'financial', string][] = [];
    for (let year = a.firstYear; year < a.lastYear; year++) due.push(['progress', `${year + 1}-01-31`]);
    due.push(['final', `${a.lastYear + 1}-03-31`], ['financial', `${a.lastYear + 1}-03-31`]);
    const yearAgo = addDays(this.today, -365);
    for (const [kind, dueOn] of due) {
      const onTime = dueOn < this.today && this.random.chance(0.9) ? addDays(dueOn, this.random.int(-30, 20)) : null;
      // A report still missing a year after it fell due came in after reminders, two to three months
      // late; only the last year's stay overdue. Dated without a draw, so the sequence that follows stays as it was.
      const late = onTime === null && dueOn < yearAgo ? addDays(dueOn, 60 + (Number(applicationId) % 30)) : null;
      this.report.run(applicationId, kind, dueOn, onTime ?? late);
      this.counts.reports++;
    }
  }
}
