import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CrosstabQueryIn } from '../../../../main/contract/domains/crosstab';
import { call } from '../../api/client';
import { counted } from '../../i18n/counts';

/** The table as shown (layout, totals, Swedish number formats) to CSV or Excel, in the UI's language; the services lay it out as the screen does. */
export function TableExport({ query, onError }: { query: CrosstabQueryIn; onError: (error: unknown) => void }) {
  const { t, i18n } = useTranslation();
  const [notice, setNotice] = useState('');
  const save = async (format: 'csv' | 'xlsx') => {
    setNotice('');
    try {
      const picked = await call('files.pick', { purpose: 'export', extensions: [format], suggestedName: `korstabell.${format}` });
      if (!picked) return;
      const language = i18n.language === 'en' ? 'en' : 'sv';
      const written = await call('crosstab.export', { query, format, fileId: picked.fileId, language });
      setNotice(t('crosstab.exported', { ...counted(written.rows), name: picked.name }));
    } catch (error) {
      onError(error);
    }
  };
  return (
    <>
      <button type="button" onClick={() => void save('csv')}>
        {t('crosstab.exportCsv')}
      </button>
      <button type="button" onClick={() => void save('xlsx')}>
        {t('crosstab.exportXlsx')}
      </button>
      {notice && <span role="status">{notice}</span>}
    </>
  );
}
