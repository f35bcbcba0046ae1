import { useTranslation } from 'react-i18next';
import type { ImportSummary } from '../../../main/contract/calls';
import { useReasonText } from './reject-reason';
import { counted } from '../i18n/counts';

/**
 * An import's rejected rows: where in the file, which column (as the file names it), and why, in
 * the user's language; past the listed ones (an import lists the first 10,000), how many more.
 */
export function RejectsTable({ summary: { rejects, rejected } }: { summary: Pick<ImportSummary, 'rejects' | 'rejected'> }) {
  const { t } = useTranslation();
  const reasonText = useReasonText();
  if (rejects.length === 0) return null;
  const more = rejected - rejects.length;
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
      {more > 0 && (
        <tfoot>
          <tr>
            <td colSpan={3}>{t('importer.moreRejects', counted(more))}</td>
          </tr>
        </tfoot>
      )}
    </table>
  );
}
