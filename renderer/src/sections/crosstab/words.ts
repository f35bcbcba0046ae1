import type { TFunction } from 'i18next';
import type { CrosstabDimension, CrosstabMember, MeasureUnit } from '../../../../main/contract/domains/crosstab';
import { AppError } from '../../../../main/contract/errors';
import { formatNumber, formatSek, formatShare } from '../../format';

// How the section says a member, a figure and a refusal in the UI's language.

/** Counties and municipalities by code with the name beside it; a record without a value as such. */
export function memberLabel(t: TFunction, dimension: CrosstabDimension, member: CrosstabMember): string {
  const { key, name } = member;
  if (key === null) return dimension === 'area_type' ? t('crosstab.noAreaType') : t('crosstab.missing');
  switch (dimension) {
    case 'county':
    case 'municipality':
    case 'indicator':
      return name ? `${key} ${name}` : String(key);
    case 'call':
      return name ?? String(key);
    case 'applicant_type':
      return t(`applicantType.${key}`);
    case 'stage':
      return t(`applications.stage.${key}`);
    case 'status':
      return t(`applications.status.${key}`);
    case 'has_evaluation':
    case 'designated':
      return key === 1 ? t('applications.yes') : t('applications.no');
    case 'area_type':
      return t('crosstab.areaType', { n: key });
    case 'sex':
      return t(`crosstab.sex.${key}`, { defaultValue: String(key) });
    default:
      return String(key);
  }
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
