import type { GrantStatus, StatusReason } from '../../contract/domains/evaluation';

// The report is a document the command line writes as well as the app, so its words live on this
// side, in Swedish (the default) and English; the section's screens have theirs in the renderer's
// i18n. Only what the report says is here.

export type ReportLanguage = 'sv' | 'en';

const sv = {
  portfolioTitle: 'Utvärderingar – portföljrapport',
  grantTitle: 'Utvärdering',
  madeOn: 'Sammanställd',
  statusHeading: 'Status',
  status: { on_track: 'Enligt plan', at_risk: 'I riskzonen', late: 'Försenad', completed: 'Avslutad' } as Record<GrantStatus, string>,
  counts: 'Antal bidrag per status',
  grants: 'Fleråriga bidrag',
  caseNumber: 'Diarienummer',
  title: 'Titel',
  reason: 'Skäl',
  deadlines: 'Att lämna de närmaste 90 dagarna',
  dueOn: 'Förfallodag',
  what: 'Vad',
  days: 'Dagar kvar',
  overdueReports: 'Försenade rapporter',
  noneDue: 'Inget.',
  timeline: 'Tidslinje',
  effect: 'Effekt över portföljen (difference-in-differences)',
  effectText: (indicator: string, att: string, low: string, high: string) => `${indicator}: genomsnittlig effekt ${att} (95 % konfidensintervall ${low} till ${high}).`,
  eventTime: 'År från start',
  interval: '95 % intervall',
  estimate: 'Skattning',
  plan: 'Utvärderingsplan',
  kind: { self_evaluation: 'Självvärdering', external_evaluation: 'Extern utvärdering', follow_research: 'Följeforskning' } as Record<string, string>,
  method: { before_after: 'Före och efter', comparison_areas: 'Jämförelseområden', did: 'Difference-in-differences', qualitative: 'Kvalitativ' } as Record<string, string>,
  evaluator: 'Utvärderare',
  period: 'Period',
  questions: 'Utvärderingsfrågor',
  organisation: 'Sökande',
  municipality: 'Kommun',
  years: 'År',
  granted: 'Beviljat belopp',
  followUp: 'Uppföljning av indikatorer',
  indicator: 'Indikator',
  place: 'Plats',
  baseline: 'Utgångsläge',
  latest: 'Senaste',
  change: 'Förändring',
  target: 'Målvärde',
  toTarget: 'Kvar till mål',
  comparison: 'Jämförelseområden',
  difference: 'Skillnad',
  comparisonMean: 'Jämförelseområdenas medel',
  milestones: 'Milstolpar och leveranser',
  milestoneStatus: { planned: 'Planerad', in_progress: 'Pågår', done: 'Klar', cancelled: 'Struken' } as Record<string, string>,
  reports: 'Rapporter i registret',
  reportKind: { progress: 'Lägesrapport', final: 'Slutrapport', financial: 'Ekonomisk redovisning' } as Record<string, string>,
  received: 'Inkommen',
  notReceived: 'Ej inkommen',
  findings: 'Resultat',
  evidence: { register_data: 'Registerdata', survey: 'Enkät', interviews: 'Intervjuer', observation: 'Observation', document_review: 'Dokumentstudie', case_study: 'Fallstudie', other: 'Annat' } as Record<string, string>,
  strength: { weak: 'Svag', moderate: 'Måttlig', strong: 'Stark' } as Record<string, string>,
  risks: 'Risker',
  level: { low: 'låg', medium: 'medel', high: 'hög' } as Record<string, string>,
  likelihoodImpact: 'Sannolikhet / konsekvens',
  riskStatus: { open: 'Öppen', closed: 'Stängd' } as Record<string, string>,
  noPlan: 'Ingen utvärderingsplan registrerad.',
  reasonText(reason: StatusReason): string {
    const p = reason.params;
    switch (reason.code) {
      case 'milestone_overdue':
        return `Milstolpen ”${p.title}” skulle vara klar ${p.dueOn} (${p.days} dagar sen).`;
      case 'report_overdue':
        return `${sv.reportKind[String(p.kind)] ?? p.kind} skulle ha kommit in ${p.dueOn} (${p.days} dagar sen).`;
      case 'indicator_against_target':
        return `Indikatorn ${p.indicator} rör sig bort från sitt målvärde.`;
      case 'risk_high':
        return `En öppen risk är både trolig och allvarlig: ${p.description}`;
      case 'all_done':
        return `Avslutad ${p.endsOn}, alla milstolpar klara och alla rapporter inkomna.`;
      case 'on_schedule':
        return 'Inget är försenat och ingen indikator rör sig bort från sitt mål.';
    }
  },
};

const en: typeof sv = {
  portfolioTitle: 'Evaluations – portfolio report',
  grantTitle: 'Evaluation',
  madeOn: 'Compiled',
  statusHeading: 'Status',
  status: { on_track: 'On track', at_risk: 'At risk', late: 'Late', completed: 'Completed' },
  counts: 'Grants by status',
  grants: 'Multi-year grants',
  caseNumber: 'Case number',
  title: 'Title',
  reason: 'Reason',
  deadlines: 'Due in the next 90 days',
  dueOn: 'Due',
  what: 'What',
  days: 'Days left',
  overdueReports: 'Overdue reports',
  noneDue: 'Nothing.',
  timeline: 'Timeline',
  effect: 'Effect across the portfolio (difference-in-differences)',
  effectText: (indicator, att, low, high) => `${indicator}: average effect ${att} (95% confidence interval ${low} to ${high}).`,
  eventTime: 'Years from start',
  interval: '95% interval',
  estimate: 'Estimate',
  plan: 'Evaluation plan',
  kind: { self_evaluation: 'Self-evaluation', external_evaluation: 'External evaluation', follow_research: 'Follow-research' },
  method: { before_after: 'Before and after', comparison_areas: 'Comparison areas', did: 'Difference-in-differences', qualitative: 'Qualitative' },
  evaluator: 'Evaluator',
  period: 'Period',
  questions: 'Evaluation questions',
  organisation: 'Applicant',
  municipality: 'Municipality',
  years: 'Years',
  granted: 'Granted amount',
  followUp: 'Follow-up of indicators',
  indicator: 'Indicator',
  place: 'Place',
  baseline: 'Baseline',
  latest: 'Latest',
  change: 'Change',
  target: 'Target',
  toTarget: 'To target',
  comparison: 'Comparison places',
  difference: 'Difference',
  comparisonMean: 'Comparison places’ mean',
  milestones: 'Milestones and deliverables',
  milestoneStatus: { planned: 'Planned', in_progress: 'In progress', done: 'Done', cancelled: 'Cancelled' },
  reports: 'Reports in the register',
  reportKind: { progress: 'Progress report', final: 'Final report', financial: 'Financial report' },
  received: 'Received',
  notReceived: 'Not received',
  findings: 'Findings',
  evidence: { register_data: 'Register data', survey: 'Survey', interviews: 'Interviews', observation: 'Observation', document_review: 'Document review', case_study: 'Case study', other: 'Other' },
  strength: { weak: 'Weak', moderate: 'Moderate', strong: 'Strong' },
  risks: 'Risks',
  level: { low: 'low', medium: 'medium', high: 'high' },
  likelihoodImpact: 'Likelihood / impact',
  riskStatus: { open: 'Open', closed: 'Closed' },
  noPlan: 'No evaluation plan recorded.',
  reasonText(reason: StatusReason): string {
    const p = reason.params;
    switch (reason.code) {
      case 'milestone_overdue':
        return `Milestone “${p.title}” was due ${p.dueOn} (${p.days} days late).`;
      case 'report_overdue':
        return `The ${(en.reportKind[String(p.kind)] ?? String(p.kind)).toLowerCase()} was due ${p.dueOn} (${p.days} days late).`;
      case 'indicator_against_target':
        return `Indicator ${p.indicator} is moving away from its target.`;
      case 'risk_high':
        return `An open risk is both likely and grave: ${p.description}`;
      case 'all_done':
        return `Ended ${p.endsOn} with every milestone done and every report in.`;
      case 'on_schedule':
        return 'Nothing is overdue and no indicator is moving away from its target.';
    }
  },
};

export const reportWords: Record<ReportLanguage, typeof sv> = { sv, en };
export type ReportWords = typeof sv;
