import { useTranslation } from 'react-i18next';
import { AppError } from '../../../main/contract/errors';

/** Says what went wrong in the user's language; the English message from main stays as detail. */
export function ErrorBanner({ error, onDismiss }: { error: unknown; onDismiss?: () => void }) {
  const { t } = useTranslation();
  const code = error instanceof AppError ? error.code : 'INTERNAL';
  const message = error instanceof Error ? error.message : String(error);
  // An error's details name the figures its sentence gives (a limit, a count).
  const details = error instanceof AppError && typeof error.details === 'object' && error.details !== null ? error.details : {};
  const values = Object.fromEntries(Object.entries(details).filter(([, value]) => typeof value === 'string' || typeof value === 'number'));
  return (
    <div className="error-banner" role="alert">
      <strong>{t('errors.title')}</strong>
      <p>{t(`errors.${code}`, { ...values, message })}</p>
      {code !== 'INTERNAL' && <p className="error-detail">{message}</p>}
      {onDismiss && (
        <button type="button" onClick={onDismiss}>
          {t('errors.dismiss')}
        </button>
      )}
    </div>
  );
}
