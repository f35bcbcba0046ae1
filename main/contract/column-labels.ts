import type { ApplicationFollowUpColumn, ImportField } from './domains/register';

// The register's fields and grid columns as the UI names them (grid headers, form labels, the
// import's mapping, the UI's export), Swedish and English: declared here, where the renderer's i18n
// and the importer's recognition of headers both take them from.

interface ColumnLabel {
  sv: string;
  en: string;
  /** The shorter Swedish header agencies' files use, where it differs: the command line's export writes it. */
  file?: string;
}

export const columnLabels = {
  caseNumber: { sv: 'Diarienummer', en: 'Case number' },
  title: { sv: 'Titel', en: 'Title' },
  summary: { sv: 'Sammanfattning', en: 'Summary' },
  organisation: { sv: 'Sökande', en: 'Applicant' },
  orgNumber: { sv: 'Organisationsnummer', en: 'Organisation number' },
  applicantType: { sv: 'Sökandetyp', en: 'Applicant type', file: 'Typ' },
  municipality: { sv: 'Kommun', en: 'Municipality' },
  county: { sv: 'Län', en: 'County' },
  callYear: { sv: 'Utlysning', en: 'Call' },
  firstYear: { sv: 'Första år', en: 'First year', file: 'År' },
  lastYear: { sv: 'Sista år', en: 'Last year' },
  stage: { sv: 'Steg', en: 'Stage' },
  status: { sv: 'Status', en: 'Status' },
  requestedOre: { sv: 'Sökt belopp', en: 'Requested' },
  grantedOre: { sv: 'Beviljat belopp', en: 'Granted' },
  includesEvaluation: { sv: 'Utvärdering', en: 'Evaluation' },
  evaluationOre: { sv: 'Budget för utvärdering', en: 'Evaluation budget' },
  receivedOn: { sv: 'Inkommen', en: 'Received' },
  decidedOn: { sv: 'Beslutsdatum', en: 'Decision date' },
  conditions: { sv: 'Villkor', en: 'Conditions' },
  // The applications grid's columns computed from payments and reports.
  paidOre: { sv: 'Utbetalt', en: 'Paid' },
  nextReportOn: { sv: 'Nästa rapport', en: 'Next report' },
  // The organisations grid's own columns.
  name: { sv: 'Namn', en: 'Name' },
  type: { sv: 'Typ', en: 'Type' },
  applications: { sv: 'Ansökningar', en: 'Applications' },
} as const satisfies Record<ImportField | ApplicationFollowUpColumn | 'name' | 'type' | 'applications', ColumnLabel>;

export type LabelledColumn = keyof typeof columnLabels;

/** Every column's label in one language, as the renderer's translations hold them. */
export function columnLabelsIn(language: 'sv' | 'en'): Record<LabelledColumn, string> {
  return Object.fromEntries(Object.entries(columnLabels).map(([column, label]) => [column, label[language]])) as Record<LabelledColumn, string>;
}
