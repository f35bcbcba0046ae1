import { useTranslation } from 'react-i18next';
import { AppError } from '../../../main/contract/errors';

/** Says what went wrong in the user's language; the English message from main stays as detail. */
export function ErrorBanner({ error, onDismiss }: { error: unknown; onDismiss?: () => void }) {
  const { t } = useTranslation();
  const code = error instanceof AppError ? error.code : 'INTERNAL';
  const message = error instanceof Error ? error.message : String(error);
  return (
    <div className="error-banner" role="alert">
      <strong>{t('errors.title')}</strong>
      <p>{t(`errors.${code}`, { message })}</p>
      {code !== 'INTERNAL' && <p className="error-detail">{message}</p>}
      {onDismiss && (
        <button type="button" onClick={onDismiss}>
          {t('errors.dismiss')}
        </button>
      )}
    </div>
  );
}
