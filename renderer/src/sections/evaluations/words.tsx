import type { TFunction } from 'i18next';
import type { GrantStatus, StatusReason } from '../../../../main/contract/calls';

// What every view of the section says alike: a status as a badge, a reason in words, a figure.

const LOCALE = 'sv-SE';

/** A figure the Swedish way (decimal comma, real minus sign); missing is "–", never 0. */
export function formatFigure(value: number | null | undefined, decimals = 1, signed = false): string {
  if (value === null || value === undefined) return '–';
  // Rounded first, so a tiny negative shows as 0,0 rather than −0,0.
  const rounded = Math.round(value * 10 ** decimals) / 10 ** decimals || 0;
  const text = rounded.toLocaleString(LOCALE, { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
  return signed && rounded > 0 ? `+${text}` : text;
}

/** The status's reason as a sentence; a report's kind is worded too. */
export function reasonText(t: TFunction, reason: StatusReason): string {
  const params = { ...reason.params };
  if (reason.code === 'report_overdue') {
    const kind = t(`evaluations.reportKind.${String(params.kind)}`);
    params.kind = t('evaluations.reasons.report_overdue').startsWith('{{kind}}') ? kind : kind.toLowerCase();
  }
  return t(`evaluations.reasons.${reason.code}`, params);
}

export function StatusBadge({ status, t }: { status: GrantStatus; t: TFunction }) {
  return <span className={`status-badge ${status}`}>{t(`evaluations.status.${status}`)}</span>;
}
