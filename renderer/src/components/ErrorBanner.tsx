import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { AppError, type BackupInvalidDetails, type FileKindDetails, type FileProblemDetails } from '../../../main/contract/errors';

/**
 * An error in the user's language: what is wrong and what to do, from its code and the values in its
 * details. Only the codes that stand for a bug or a refused argument carry main's English message,
 * inside the sentence and only there.
 */
function errorText(t: TFunction, error: unknown): string {
  const code = error instanceof AppError ? error.code : 'INTERNAL';
  const message = error instanceof Error ? error.message : String(error);
  const details = error instanceof AppError ? error.details : undefined;
  switch (code) {
    case 'FILE_WRONG_KIND': {
      const { expected, found } = details as FileKindDetails;
      return t('errors.FILE_WRONG_KIND', { expected: t(`errors.fileKinds.${expected}`), found: t(`errors.fileFound.${found}`) });
    }
    case 'FILE_MALFORMED': {
      const { problem, line, field } = details as FileProblemDetails;
      const place = line !== undefined && field !== undefined ? 'lineField' : line !== undefined ? 'line' : field !== undefined ? 'field' : null;
      return t(`errors.FILE_MALFORMED.${problem}`, { where: place ? t(`errors.where.${place}`, { line, field }) : '' });
    }
    case 'BACKUP_INVALID': {
      const { problem, version, knownVersion } = details as BackupInvalidDetails;
      return t(`errors.BACKUP_INVALID.${problem}`, { version, knownVersion });
    }
    case 'COLUMNS_MISSING': {
      const { fields } = details as { fields: string[] };
      return t('errors.COLUMNS_MISSING', { fields: fields.map((field) => t(`applications.col.${field}`)).join(', ') });
    }
    default: {
      // An error's details name the figures its sentence gives (a limit, a count).
      const values = typeof details === 'object' && details !== null ? Object.entries(details).filter(([, value]) => typeof value === 'string' || typeof value === 'number') : [];
      return t(`errors.${code}`, { ...Object.fromEntries(values), message });
    }
  }
}

export function ErrorBanner({ error, onDismiss }: { error: unknown; onDismiss?: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="error-banner" role="alert">
      <strong>{t('errors.title')}</strong>
      <p>{errorText(t, error)}</p>
      {onDismiss && (
        <button type="button" onClick={onDismiss}>
          {t('errors.dismiss')}
        </button>
      )}
    </div>
  );
}
