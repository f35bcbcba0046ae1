import type { GridApi } from 'ag-grid-community';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api/client';
import { useCall } from '../../api/use-call';

const savedViewTables = ['saved_views'] as const;

/** What a saved view keeps: the grid's columns (order, width, visibility, sort), its filters and the toolbar's. */
export interface ViewState<Extra> {
  columns: ReturnType<GridApi['getColumnState']>;
  filters: ReturnType<GridApi['getFilterModel']>;
  extra: Extra;
}

interface Props<Extra> {
  grid: 'applications' | 'organisations';
  api: GridApi | null;
  extra: Extra;
  onApplyExtra: (extra: Extra) => void;
  onError: (error: unknown) => void;
}

export function SavedViews<Extra>({ grid, api, extra, onApplyExtra, onError }: Props<Extra>) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [selected, setSelected] = useState('');
  const views = useCall('views.list', { grid }, savedViewTables);

  const apply = (id: string) => {
    setSelected(id);
    const view = views.data?.find((v) => String(v.id) === id);
    if (!view || !api) return;
    const state = JSON.parse(view.state) as ViewState<Extra>;
    api.applyColumnState({ state: state.columns, applyOrder: true });
    api.setFilterModel(state.filters);
    onApplyExtra(state.extra);
    setName(view.name);
  };
  const save = async () => {
    if (!api || name.trim() === '') return;
    const state: ViewState<Extra> = { columns: api.getColumnState(), filters: api.getFilterModel(), extra };
    try {
      const saved = await call('views.save', { grid, name, state: JSON.stringify(state) });
      setSelected(String(saved.id));
    } catch (error) {
      onError(error);
    }
  };
  const remove = async () => {
    if (selected === '') return;
    try {
      await call('views.delete', { id: Number(selected) });
      setSelected('');
    } catch (error) {
      onError(error);
    }
  };

  return (
    <div className="saved-views" role="group" aria-label={t('applications.views')}>
      <select aria-label={t('applications.views')} value={selected} onChange={(event) => apply(event.target.value)}>
        <option value="">{t('applications.noView')}</option>
        {views.data?.map((view) => (
          <option key={view.id} value={view.id}>
            {view.name}
          </option>
        ))}
      </select>
      <input aria-label={t('applications.viewName')} placeholder={t('applications.viewName')} value={name} onChange={(event) => setName(event.target.value)} />
      <button type="button" onClick={save} disabled={name.trim() === ''}>
        {t('applications.saveView')}
      </button>
      <button type="button" onClick={remove} disabled={selected === ''}>
        {t('applications.deleteView')}
      </button>
    </div>
  );
}
