import { useTranslation } from 'react-i18next';
import type { RejectedRow } from '../../../main/contract/calls';
import { useReasonText } from './reject-reason';

/** An import's rejected rows: where in the file, which column (as the file names it), and why, in the user's language. */
export function RejectsTable({ rejects }: { rejects: RejectedRow[] }) {
  const { t } = useTranslation();
  const reasonText = useReasonText();
  if (rejects.length === 0) return null;
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
            <td>{reasonText(reject, reject.reason)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
