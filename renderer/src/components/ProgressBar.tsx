import { useTranslation } from 'react-i18next';
import type { Progress } from '../../../main/contract/progress';
import { formatNumber } from '../format';

/** The running long call's progress; indeterminate until its total is known. */
export function ProgressBar({ progress }: { progress: Progress }) {
  const { t } = useTranslation();
  const label = t(`progress.${progress.phase}`, { defaultValue: t('progress.label') });
  return (
    <div className="progress" role="status" aria-live="polite">
      <span className="progress-label">
        {label}
        {progress.total ? ` – ${formatNumber(progress.done)} / ${formatNumber(progress.total)}` : '…'}
      </span>
      <progress aria-label={label} max={progress.total ?? undefined} value={progress.total ? progress.done : undefined} />
    </div>
  );
}
