import type { GridApi } from 'ag-grid-community';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

interface Props {
  api: GridApi | null;
  columns: { colId: string; label: string }[];
}

/** Which columns the grid shows; AG Grid Community has no tool panel, so this is a plain checklist. */
export function ColumnChooser({ api, columns }: Props) {
  const { t } = useTranslation();
  const [visible, setVisible] = useState<Set<string>>(new Set());
  useEffect(() => {
    if (!api) return;
    const sync = () => setVisible(new Set(api.getColumnState().filter((c) => !c.hide).map((c) => c.colId)));
    sync();
    api.addEventListener('columnVisible', sync);
    return () => {
      if (!api.isDestroyed()) api.removeEventListener('columnVisible', sync);
    };
  }, [api]);
  return (
    <details className="column-chooser">
      <summary>{t('applications.columns')}</summary>
      <fieldset>
        <legend className="visually-hidden">{t('applications.columns')}</legend>
        {columns.map(({ colId, label }) => (
          <label key={colId}>
            <input type="checkbox" checked={visible.has(colId)} onChange={(event) => api?.setColumnsVisible([colId], event.target.checked)} />
            {label}
          </label>
        ))}
      </fieldset>
    </details>
  );
}
