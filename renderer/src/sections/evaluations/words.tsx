import type { TFunction } from 'i18next';
import type { GrantStatus, StatusReason } from '../../../../main/contract/calls';

// What every view of the section says alike: a status as a badge, a reason in words.

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
