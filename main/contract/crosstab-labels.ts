import { columnLabels } from './column-labels';
import type { CrosstabDimension, CrosstabMeasure, CrosstabMember } from './domains/crosstab';

// The cross-tab's dimensions, measures and the words of its members that have no name in the store,
// Swedish and English: the renderer's i18n and the table export (CSV, XLSX) both take them from here.
// The register's own column labels are reused where a dimension is one of its columns.

interface Label {
  sv: string;
  en: string;
}

export const crosstabDimensionLabels: Record<CrosstabDimension, Label> = {
  year: { sv: 'År', en: 'Year' },
  call: columnLabels.callYear,
  programme: { sv: 'Program', en: 'Programme' },
  county: columnLabels.county,
  municipality: columnLabels.municipality,
  applicant_type: columnLabels.applicantType,
  stage: columnLabels.stage,
  status: columnLabels.status,
  has_evaluation: columnLabels.includesEvaluation,
  designated: { sv: 'Utpekad kommun', en: 'Designated municipality' },
  area_type: { sv: 'Områdestyp', en: 'Area type' },
  indicator: { sv: 'Indikator', en: 'Indicator' },
  sex: { sv: 'Kön', en: 'Sex' },
};

export const crosstabMeasureLabels: Record<CrosstabMeasure, Label> = {
  applications: columnLabels.applications,
  granted_count: { sv: 'Beviljade', en: 'Granted' },
  approval_rate: { sv: 'Andel beviljade', en: 'Approval rate' },
  requested_sek: { sv: 'Sökt belopp (kr)', en: 'Requested (kr)' },
  granted_sek: { sv: 'Beviljat belopp (kr)', en: 'Granted amount (kr)' },
  paid_sek: { sv: 'Utbetalt (kr)', en: 'Paid (kr)' },
  repaid_sek: { sv: 'Återbetalt (kr)', en: 'Repaid (kr)' },
  granted_sek_per_capita: { sv: 'Beviljat per invånare (kr)', en: 'Granted per inhabitant (kr)' },
  indicator_mean: { sv: 'Medelvärde', en: 'Mean' },
  indicator_median: { sv: 'Median', en: 'Median' },
  indicator_change: { sv: 'Förändring', en: 'Change' },
};

/** Kolada's gender codes as a cross-tab's members. */
export const crosstabSexLabels: Record<'T' | 'K' | 'M', Label> = {
  T: { sv: 'Kvinnor och män', en: 'Women and men' },
  K: { sv: 'Kvinnor', en: 'Women' },
  M: { sv: 'Män', en: 'Men' },
};

export const crosstabWords = {
  /** The section, and an exported workbook's sheet. */
  title: { sv: 'Korstabell', en: 'Cross-tab' },
  total: { sv: 'Totalt', en: 'Total' },
  /** A municipality-level application with no target areas: counted, under this. */
  noAreaType: { sv: 'Ingen områdestyp', en: 'No area type' },
  /** Any other dimension a record has no value of (no municipality). */
  missing: { sv: 'Uppgift saknas', en: 'Value missing' },
  /** An area type's number follows. */
  areaType: { sv: 'Områdestyp', en: 'Area type' },
} satisfies Record<string, Label>;

/** A table of labels in one language, as the renderer's translations and the exports hold them. */
export function labelsInLanguage<K extends string>(labels: Record<K, Label>, language: 'sv' | 'en'): Record<K, string> {
  return Object.fromEntries((Object.keys(labels) as K[]).map((key) => [key, labels[key][language]])) as Record<K, string>;
}

/** The words a member's label is made of in one language; the screen's come from i18n, an export's from the tables here. */
export interface MemberWords {
  missing(): string;
  noAreaType(): string;
  areaType(type: number): string;
  yesNo(yes: boolean): string;
  /** An applicant type, stage, status or sex by its code. */
  coded(dimension: 'applicant_type' | 'stage' | 'status' | 'sex', code: string): string;
}

/** A member as tables, charts and exports show it: counties and municipalities by code with the name beside it, a record without a value as such. */
export function memberLabel(dimension: CrosstabDimension, member: CrosstabMember, words: MemberWords): string {
  const { key, name } = member;
  if (key === null) return dimension === 'area_type' ? words.noAreaType() : words.missing();
  switch (dimension) {
    case 'county':
    case 'municipality':
    case 'indicator':
      return name ? `${key} ${name}` : String(key);
    case 'call':
      return name ?? String(key);
    case 'applicant_type':
    case 'stage':
    case 'status':
    case 'sex':
      return words.coded(dimension, String(key));
    case 'has_evaluation':
    case 'designated':
      return words.yesNo(key === 1);
    case 'area_type':
      return words.areaType(Number(key));
    default:
      return String(key);
  }
}
