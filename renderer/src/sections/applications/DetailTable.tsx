import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** One of the detail pane's read-only lists, named by its caption; "none" when it is empty. */
export function Table({ caption, head, rows }: { caption: string; head: string[]; rows: ReactNode[][] }) {
  const { t } = useTranslation();
  return (
    <>
      <h3>{caption}</h3>
      {rows.length === 0 ? (
        <p className="hint">{t('applications.detail.none')}</p>
      ) : (
        <table className="detail-table" aria-label={caption}>
          <thead>
            <tr>
              {head.map((cell) => (
                <th key={cell}>{cell}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row, i) => (
              <tr key={i}>
                {row.map((cell, j) => (
                  <td key={j}>{cell}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
