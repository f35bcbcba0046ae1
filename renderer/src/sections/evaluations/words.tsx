import type { TFunction } from 'i18next';
import type { GrantStatus, StatusReason } from '../../../../main/contract/calls';
import { reasonSentence } from '../../../../main/contract/evaluation-words';

// What every view of the section says alike: a status as a badge, a reason in words.

/** The status's reason as a sentence, worded from the contract's vocabulary as the report words it. */
export function reasonText(language: string, reason: StatusReason): string {
  return reasonSentence(language === 'en' ? 'en' : 'sv', reason);
}

export function StatusBadge({ status, t }: { status: GrantStatus; t: TFunction }) {
  return <span className={`status-badge ${status}`}>{t(`evaluations.status.${status}`)}</span>;
}
