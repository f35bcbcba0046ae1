import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SavedAnalysis } from '../../../../main/contract/domains/analyses';
import type { CrosstabQuery, CrosstabQueryIn } from '../../../../main/contract/domains/crosstab';
import { call } from '../../api/client';
import { useCall } from '../../api/use-call';
import type { Layout } from './layout';

const analysisTables = ['saved_analyses'] as const;

/** A saved query as the builder's layout: re-run on the data as it is now. */
function layoutOf(query: CrosstabQuery): Layout {
  return { rows: query.rows, cols: query.cols, measures: query.measures, filters: query.filters, years: query.years, population: query.population };
}

interface Props {
  query: CrosstabQueryIn;
  onOpen: (layout: Layout) => void;
  onError: (error: unknown) => void;
}

/**
 * Analyses kept in the store: save the one shown under a name, open one, delete one (after asking,
 * and with an undo that saves it again), share one as a small file and import one shared.
 */
export function SavedAnalyses({ query, onOpen, onError }: Props) {
  const { t } = useTranslation();
  const list = useCall('analyses.list', {}, analysisTables);
  const [name, setName] = useState('');
  const [selected, setSelected] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [deleted, setDeleted] = useState<SavedAnalysis | null>(null);
  const [notice, setNotice] = useState('');
  const chosen = list.data?.find((analysis) => String(analysis.id) === selected) ?? null;

  const act = async (action: () => Promise<void>) => {
    setNotice('');
    try {
      await action();
    } catch (error) {
      onError(error);
    }
  };
  const open = (id: string) => {
    setSelected(id);
    setConfirming(false);
    const analysis = list.data?.find((one) => String(one.id) === id);
    if (!analysis) return;
    setName(analysis.name);
    if (analysis.query) onOpen(layoutOf(analysis.query));
    else setNotice(t('crosstab.analyses.unreadable'));
  };
  const save = () =>
    act(async () => {
      const saved = await call('analyses.save', { name, query });
      setSelected(String(saved.id));
      setDeleted(null);
      setNotice(t('crosstab.analyses.saved', { name: saved.name }));
    });
  const remove = () =>
    act(async () => {
      if (!chosen) return;
      await call('analyses.delete', { id: chosen.id });
      setDeleted(chosen);
      setSelected('');
      setConfirming(false);
    });
  const undo = () =>
    act(async () => {
      if (!deleted?.query) return;
      const saved = await call('analyses.save', { name: deleted.name, query: deleted.query });
      setSelected(String(saved.id));
      setDeleted(null);
    });
  const share = () =>
    act(async () => {
      if (!chosen) return;
      const picked = await call('files.pick', { purpose: 'export', extensions: ['json'], suggestedName: `${chosen.name.replace(/[/\\]/g, '-')}.json` });
      if (!picked) return;
      await call('analyses.exportFile', { id: chosen.id, fileId: picked.fileId });
      setNotice(t('crosstab.analyses.shared', { name: picked.name }));
    });
  const importFile = () =>
    act(async () => {
      const picked = await call('files.pick', { purpose: 'import', extensions: ['json'] });
      if (!picked) return;
      const imported = await call('analyses.importFile', { fileId: picked.fileId });
      open(String(imported.id));
      setNotice(t('crosstab.analyses.imported', { name: imported.name }));
    });

  return (
    <div className="toolbar saved-analyses" role="group" aria-label={t('crosstab.analyses.title')}>
      <select aria-label={t('crosstab.analyses.title')} value={selected} onChange={(event) => open(event.target.value)}>
        <option value="">{t('crosstab.analyses.none')}</option>
        {list.data?.map((analysis) => (
          <option key={analysis.id} value={analysis.id}>
            {analysis.name}
          </option>
        ))}
      </select>
      <input aria-label={t('crosstab.analyses.name')} placeholder={t('crosstab.analyses.name')} value={name} onChange={(event) => setName(event.target.value)} />
      <button type="button" onClick={() => void save()} disabled={name.trim() === ''}>
        {t('crosstab.analyses.save')}
      </button>
      <button type="button" onClick={() => void share()} disabled={!chosen}>
        {t('crosstab.analyses.share')}
      </button>
      <button type="button" onClick={() => void importFile()}>
        {t('crosstab.analyses.import')}
      </button>
      {confirming && chosen ? (
        <span role="alertdialog" aria-label={t('crosstab.analyses.confirm', { name: chosen.name })} className="confirm">
          {t('crosstab.analyses.confirm', { name: chosen.name })}{' '}
          <button type="button" onClick={() => void remove()}>
            {t('crosstab.analyses.delete')}
          </button>
          <button type="button" onClick={() => setConfirming(false)}>
            {t('crosstab.cancel')}
          </button>
        </span>
      ) : (
        <button type="button" onClick={() => setConfirming(true)} disabled={!chosen}>
          {t('crosstab.analyses.delete')}
        </button>
      )}
      {deleted && (
        <span role="status">
          {t('crosstab.analyses.deleted', { name: deleted.name })}{' '}
          <button type="button" onClick={() => void undo()} disabled={!deleted.query}>
            {t('crosstab.analyses.undo')}
          </button>
        </span>
      )}
      {notice && <span role="status">{notice}</span>}
    </div>
  );
}
