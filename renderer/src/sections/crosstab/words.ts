import type { TFunction } from 'i18next';
import { memberLabel as sharedMemberLabel } from '../../../../main/contract/crosstab-labels';
import type { CrosstabDimension, CrosstabFilter, CrosstabMember, MeasureUnit } from '../../../../main/contract/domains/crosstab';
import { AppError } from '../../../../main/contract/errors';
import { formatNumber, formatSek, formatShare } from '../../format';

// How the section says a member, a figure and a refusal in the UI's language.

/** Counties and municipalities by code with the name beside it; a record without a value as such. */
export function memberLabel(t: TFunction, dimension: CrosstabDimension, member: CrosstabMember): string {
  return sharedMemberLabel(dimension, member, {
    missing: () => t('crosstab.missing'),
    noAreaType: () => t('crosstab.noAreaType'),
    areaType: (n) => t('crosstab.areaType', { n }),
    yesNo: (yes) => (yes ? t('applications.yes') : t('applications.no')),
    coded: (kind, code) => {
      if (kind === 'applicant_type') return t(`applicantType.${code}`);
      if (kind === 'sex') return t(`crosstab.sex.${code}`, { defaultValue: code });
      return t(`applications.${kind}.${code}`);
    },
  });
}

/**
 * Filters in words, as the register's banner and the chart's title say them: "Utlysning … ·
 * Områdestyp 2". Members get their names from `members` (the result's axes, and the names of
 * filtered members off them); one without is said by its code.
 */
export function filtersText(t: TFunction, filters: readonly CrosstabFilter[], members: ReadonlyMap<CrosstabDimension, readonly CrosstabMember[]>): string {
  return filters
    .map(({ dimension, values }) => {
      const label = values.map((key) => memberLabel(t, dimension, members.get(dimension)?.find((one) => one.key === key) ?? { key, name: null })).join(', ');
      // An area type's label names its dimension already ("Områdestyp 2").
      return dimension === 'area_type' ? label : `${t(`crosstab.dimension.${dimension}`)} ${label}`;
    })
    .join(' · ');
}

const kronor = new Intl.NumberFormat('sv-SE', { style: 'currency', currency: 'SEK', maximumFractionDigits: 2 });
const decimals = new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 2 });

/** A figure as the table shows it: kronor from öre, shares as %, a missing value as "–". */
export function formatFigure(unit: MeasureUnit, value: number | null | undefined): string {
  if (value === null || value === undefined) return '–';
  switch (unit) {
    case 'ore':
      return formatSek(value);
    // A few kronor per inhabitant: the öre matter.
    case 'ore_per_capita':
      return kronor.format(value / 100);
    case 'ratio':
      return formatShare(value, 1);
    case 'indicator':
      return decimals.format(value);
    default:
      return formatNumber(value);
  }
}

/** CROSSTAB_UNSUPPORTED in words that say what to change; null for any other error. */
export function unsupportedText(t: TFunction, error: unknown): string | null {
  if (!(error instanceof AppError) || error.code !== 'CROSSTAB_UNSUPPORTED') return null;
  const details = (error.details ?? {}) as { reason?: string; measure?: string; dimension?: string; indicator?: string };
  const params = {
    measure: details.measure ? t(`crosstab.measure.${details.measure}`) : '',
    dimension: details.dimension ? t(`crosstab.dimension.${details.dimension}`) : '',
    indicator: details.indicator ?? '',
  };
  return t(`crosstab.unsupported.${details.reason ?? 'other'}`, { ...params, defaultValue: t('crosstab.unsupported.other') });
}
