import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { RejectedRow } from '../../../main/contract/calls';

/**
 * A reject's reason in the user's language, from its code and values; the English sentence from
 * main for a code this renderer does not know (a store written by a newer Grantlens, say).
 */
function reasonOf(t: TFunction, exists: (key: string) => boolean, reject: RejectedRow): string {
  const key = `rejects.reasons.${reject.code}`;
  if (!exists(key)) return reject.reason;
  const { level } = reject.params;
  const params = level === undefined ? reject.params : { ...reject.params, level: t(`rejects.levels.${level}`, { defaultValue: String(level) }) };
  return t(key, params);
}

/** An import's rejected rows: where in the file, which column, and why. */
export function RejectsTable({ rejects }: { rejects: RejectedRow[] }) {
  const { t, i18n } = useTranslation();
  if (rejects.length === 0) return null;
  const exists = (key: string) => i18n.exists(key);
  return (
    <table className="rejects" aria-label={t('importer.rejects')}>
      <thead>
        <tr>
          <th>{t('importer.row')}</th>
          <th>{t('importer.column')}</th>
          <th>{t('importer.reason')}</th>
        </tr>
      </thead>
      <tbody>
        {rejects.map((reject) => (
          <tr key={`${reject.row}-${reject.field}-${reject.reason}`}>
            <td>{reject.row}</td>
            <td>{reject.field ?? ''}</td>
            <td>{reasonOf(t, exists, reject)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
