import type { GrantStatus, StatusReason } from './domains/evaluation';
import type { evidenceTypes, findingStrengths, milestoneKinds, milestoneStatuses, planKinds, planMethods, riskLevels } from './domains/evaluation-plan';
import type { reportKinds } from './domains/store';

// The evaluation's vocabulary in Swedish and English, once: the section's screens read it through
// the renderer's i18n (evaluations.sv.ts / .en.ts spread it in) and the report the command line
// and the app write reads it here, so a grant's status, a milestone's or a reason reads the same
// on screen and on paper. Words only one of them uses stay with it.

type Words<T extends readonly string[]> = Record<T[number], string>;

export interface EvaluationVocabulary {
  status: Record<GrantStatus, string>;
  /** i18next's `{{param}}` templates of each status reason's code. */
  reasons: Record<StatusReason['code'], string>;
  /** `{{dayWord}}` in a reason: the word for its `days` in agreement, picked by Intl.PluralRules. */
  days: Record<'one' | 'other', string>;
  reportKind: Words<typeof reportKinds>;
  kinds: Words<typeof planKinds>;
  methods: Words<typeof planMethods>;
  milestoneKinds: Words<typeof milestoneKinds>;
  milestoneStatuses: Words<typeof milestoneStatuses>;
  evidenceTypes: Words<typeof evidenceTypes>;
  strengths: Words<typeof findingStrengths>;
  levels: Words<typeof riskLevels>;
  riskStatuses: Record<'open' | 'closed', string>;
  /** Headings the grant's page and its report share. */
  headings: {
    caseNumber: string;
    title: string;
    reason: string;
    what: string;
    grants: string;
    overdueReports: string;
    plan: string;
    evaluator: string;
    period: string;
    questions: string;
    organisation: string;
    municipality: string;
    years: string;
    granted: string;
    followUp: string;
    indicator: string;
    place: string;
    baseline: string;
    latest: string;
    change: string;
    target: string;
    toTarget: string;
    comparison: string;
    difference: string;
    milestones: string;
    reports: string;
    received: string;
    notReceived: string;
    findings: string;
    risks: string;
    none: string;
    /** The event-study chart's. */
    eventTime: string;
    estimate: string;
    interval: string;
  };
}

const sv: EvaluationVocabulary = {
  status: { on_track: 'Enligt plan', at_risk: 'I riskzonen', late: 'Försenad', completed: 'Avslutad' },
  reasons: {
    milestone_overdue: 'Milstolpen ”{{title}}” skulle vara klar {{dueOn}} ({{days}} {{dayWord}} sen).',
    report_overdue: '{{kind}} skulle ha kommit in {{dueOn}} ({{days}} {{dayWord}} sen).',
    indicator_against_target: 'Indikatorn {{name}} ({{indicator}}) i {{place}} rör sig bort från sitt målvärde.',
    risk_high: 'En öppen risk är både trolig och allvarlig: {{description}}',
    all_done: 'Avslutad {{endsOn}}, alla milstolpar klara och alla rapporter inkomna.',
    on_schedule: 'Inget är försenat och ingen indikator rör sig bort från sitt mål.',
  },
  days: { one: 'dag', other: 'dagar' },
  reportKind: { progress: 'Lägesrapport', final: 'Slutrapport', financial: 'Ekonomisk redovisning' },
  kinds: { self_evaluation: 'Självvärdering', external_evaluation: 'Extern utvärdering', follow_research: 'Följeforskning' },
  methods: { before_after: 'Före och efter', comparison_areas: 'Jämförelseområden', did: 'Difference-in-differences', qualitative: 'Kvalitativ' },
  milestoneKinds: { milestone: 'Milstolpe', deliverable: 'Leverans' },
  milestoneStatuses: { planned: 'Planerad', in_progress: 'Pågår', done: 'Klar', cancelled: 'Struken' },
  evidenceTypes: { register_data: 'Registerdata', survey: 'Enkät', interviews: 'Intervjuer', observation: 'Observation', document_review: 'Dokumentstudie', case_study: 'Fallstudie', other: 'Annat' },
  strengths: { weak: 'Svag', moderate: 'Måttlig', strong: 'Stark' },
  levels: { low: 'Låg', medium: 'Medel', high: 'Hög' },
  riskStatuses: { open: 'Öppen', closed: 'Stängd' },
  headings: {
    caseNumber: 'Diarienummer',
    title: 'Titel',
    reason: 'Skäl',
    what: 'Vad',
    grants: 'Fleråriga bidrag',
    overdueReports: 'Försenade rapporter',
    plan: 'Utvärderingsplan',
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
    milestones: 'Milstolpar och leveranser',
    reports: 'Rapporter i registret',
    received: 'Inkommen',
    notReceived: 'Ej inkommen',
    findings: 'Resultat',
    risks: 'Risker',
    none: 'Inget.',
    eventTime: 'År från start',
    estimate: 'Skattning',
    interval: '95 % intervall',
  },
};

const en: EvaluationVocabulary = {
  status: { on_track: 'On track', at_risk: 'At risk', late: 'Late', completed: 'Completed' },
  reasons: {
    milestone_overdue: 'Milestone “{{title}}” was due {{dueOn}} ({{days}} {{dayWord}} late).',
    report_overdue: 'The {{kind}} was due {{dueOn}} ({{days}} {{dayWord}} late).',
    indicator_against_target: 'Indicator {{name}} ({{indicator}}) in {{place}} is moving away from its target.',
    risk_high: 'An open risk is both likely and grave: {{description}}',
    all_done: 'Ended {{endsOn}} with every milestone done and every report in.',
    on_schedule: 'Nothing is overdue and no indicator is moving away from its target.',
  },
  days: { one: 'day', other: 'days' },
  reportKind: { progress: 'Progress report', final: 'Final report', financial: 'Financial report' },
  kinds: { self_evaluation: 'Self-evaluation', external_evaluation: 'External evaluation', follow_research: 'Follow-research' },
  methods: { before_after: 'Before and after', comparison_areas: 'Comparison areas', did: 'Difference-in-differences', qualitative: 'Qualitative' },
  milestoneKinds: { milestone: 'Milestone', deliverable: 'Deliverable' },
  milestoneStatuses: { planned: 'Planned', in_progress: 'In progress', done: 'Done', cancelled: 'Cancelled' },
  evidenceTypes: { register_data: 'Register data', survey: 'Survey', interviews: 'Interviews', observation: 'Observation', document_review: 'Document review', case_study: 'Case study', other: 'Other' },
  strengths: { weak: 'Weak', moderate: 'Moderate', strong: 'Strong' },
  levels: { low: 'Low', medium: 'Medium', high: 'High' },
  riskStatuses: { open: 'Open', closed: 'Closed' },
  headings: {
    caseNumber: 'Case number',
    title: 'Title',
    reason: 'Reason',
    what: 'What',
    grants: 'Multi-year grants',
    overdueReports: 'Overdue reports',
    plan: 'Evaluation plan',
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
    comparison: 'Comparison areas',
    difference: 'Difference',
    milestones: 'Milestones and deliverables',
    reports: 'Reports in the register',
    received: 'Received',
    notReceived: 'Not received',
    findings: 'Findings',
    risks: 'Risks',
    none: 'Nothing.',
    eventTime: 'Years from start',
    estimate: 'Estimate',
    interval: '95% interval',
  },
};

export const evaluationVocabulary: Record<'sv' | 'en', EvaluationVocabulary> = { sv, en };

/**
 * A status reason as a sentence of `language`: its template with the params filled in, a report's
 * kind worded (lower case inside a sentence, as English has it; Swedish opens with it), an
 * indicator by its name in that language (the reason carries both, `name_sv` and `name_en`), a
 * number of days with its word in agreement.
 */
export function reasonSentence(language: 'sv' | 'en', reason: StatusReason): string {
  const words = evaluationVocabulary[language];
  const template = words.reasons[reason.code];
  const params: Record<string, unknown> = { ...reason.params };
  if (reason.code === 'report_overdue') {
    const kind = words.reportKind[String(params.kind) as keyof EvaluationVocabulary['reportKind']] ?? String(params.kind);
    params.kind = template.startsWith('{{kind}}') ? kind : kind.toLowerCase();
  }
  if (typeof params.days === 'number') params.dayWord = words.days[new Intl.PluralRules(language).select(params.days) === 'one' ? 'one' : 'other'];
  if (reason.code === 'indicator_against_target') params.name = params[`name_${language}`] ?? params.indicator;
  return template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(params[name] ?? ''));
}
