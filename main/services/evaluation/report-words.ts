import type { StatusReason } from '../../contract/domains/evaluation';
import { evaluationVocabulary, reasonSentence } from '../../contract/evaluation-words';

// The report is a document the command line writes as well as the app. Its statuses, reasons,
// value labels and the headings it shares with the grant's page come from the contract's
// vocabulary, as the section's screens have them; here are only the words the report alone says.

export type ReportLanguage = 'sv' | 'en';

const sv = {
  portfolioTitle: 'Utvärderingar – portföljrapport',
  grantTitle: 'Utvärdering',
  madeOn: 'Sammanställd',
  statusHeading: 'Status',
  counts: 'Antal bidrag per status',
  deadlines: 'Att lämna de närmaste 90 dagarna',
  dueOn: 'Förfallodag',
  days: 'Dagar kvar',
  timeline: 'Tidslinje',
  effect: 'Effekt över portföljen (difference-in-differences)',
  effectText: (indicator: string, att: string, low: string, high: string) => `${indicator}: genomsnittlig effekt ${att} (95 % konfidensintervall ${low} till ${high}).`,
  comparisonMean: 'Jämförelseområdenas medel',
  likelihoodImpact: 'Sannolikhet / konsekvens',
  noPlan: 'Ingen utvärderingsplan registrerad.',
};

const en: typeof sv = {
  portfolioTitle: 'Evaluations – portfolio report',
  grantTitle: 'Evaluation',
  madeOn: 'Compiled',
  statusHeading: 'Status',
  counts: 'Grants by status',
  deadlines: 'Due in the next 90 days',
  dueOn: 'Due',
  days: 'Days left',
  timeline: 'Timeline',
  effect: 'Effect across the portfolio (difference-in-differences)',
  effectText: (indicator, att, low, high) => `${indicator}: average effect ${att} (95% confidence interval ${low} to ${high}).`,
  comparisonMean: 'Comparison areas’ mean',
  likelihoodImpact: 'Likelihood / impact',
  noPlan: 'No evaluation plan recorded.',
};

function wordsOf(language: ReportLanguage) {
  const vocabulary = evaluationVocabulary[language];
  return {
    ...vocabulary.headings,
    ...{ sv, en }[language],
    noneDue: vocabulary.headings.none,
    status: vocabulary.status,
    kind: vocabulary.kinds,
    method: vocabulary.methods,
    milestoneStatus: vocabulary.milestoneStatuses,
    reportKind: vocabulary.reportKind as Record<string, string>,
    evidence: vocabulary.evidenceTypes,
    strength: vocabulary.strengths,
    level: vocabulary.levels,
    riskStatus: vocabulary.riskStatuses,
    reasonText: (reason: StatusReason) => reasonSentence(language, reason),
  };
}

export type ReportWords = ReturnType<typeof wordsOf>;
export const reportWords: Record<ReportLanguage, ReportWords> = { sv: wordsOf('sv'), en: wordsOf('en') };
