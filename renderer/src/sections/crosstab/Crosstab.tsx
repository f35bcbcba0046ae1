import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { cellFilters, type CrosstabCell, type CrosstabQuery, type CrosstabResult } from '../../../../main/contract/domains/crosstab';
import { call } from '../../api/client';
import { ErrorBanner } from '../../components/ErrorBanner';
import type { RegisterPreset } from '../applications/register-preset';
import { Builder } from './Builder';
import { CrosstabChart } from './CrosstabChart';
import { CrosstabTable } from './CrosstabTable';
import { SavedAnalyses } from './SavedAnalyses';
import { TableExport } from './TableExport';
import { defaultLayout, queryOf, type Layout } from './layout';
import { useCrosstab } from './use-crosstab';
import { memberLabel, unsupportedText } from './words';
import { counted } from '../../i18n/counts';

/** Measures counted over applications: a cell of any of them has records behind it to show. */
const indicatorMeasures = new Set(['indicator_mean', 'indicator_median', 'indicator_change']);

interface Props {
  /** Shows the register's applications grid with these filters. */
  onDrill: (preset: RegisterPreset) => void;
}

/** The Korstabell: a builder, the table it asks for, a chart of it, and a drill-down from any cell. */
export function Crosstab({ onDrill }: Props) {
  const { t } = useTranslation();
  const [layout, setLayout] = useState<Layout>(defaultLayout);
  const [heat, setHeat] = useState(false);
  const [notice, setNotice] = useState('');
  const [error, setError] = useState<unknown>(null);
  const query = queryOf(layout);
  const run = useCrosstab(query);
  const shown = run.shown;
  const stale = shown !== null && JSON.stringify(shown.query) !== JSON.stringify(query);
  const refused = unsupportedText(t, run.error);

  const caption = (result: CrosstabResult) =>
    t('crosstab.tableCaption', {
      measures: result.measures.map((measure) => t(`crosstab.measure.${measure}`)).join(', '),
      axes: [...result.rows, ...result.cols].map((dimension) => t(`crosstab.dimension.${dimension}`)).join(' × '),
    });

  const drill = useCallback(
    async (result: CrosstabResult, asked: CrosstabQuery, cell: CrosstabCell) => {
      setNotice('');
      setError(null);
      const filters = cellFilters(asked, cell);
      try {
        const found = await call('crosstab.drill', { filters, limit: 1 });
        if (!found.gridFilters) return setNotice(t('crosstab.drillNoGrid', counted(found.count)));
        const axes = [...result.rows, ...result.cols];
        const what = axes
          .flatMap((dimension, axis) => {
            if (cell.total[axis]) return [];
            const member = result.members[axis]!.find((one) => one.key === (cell.key[axis] ?? null)) ?? { key: cell.key[axis] ?? null, name: null };
            return [`${t(`crosstab.dimension.${dimension}`)} ${memberLabel(t, dimension, member)}`];
          })
          .join(', ');
        onDrill({ filters: found.gridFilters, count: found.count, what: what || t('crosstab.allRecords') });
      } catch (caught) {
        setError(caught);
      }
    },
    [onDrill, t],
  );
  // The query the shown result answers, with the contract's defaults, as cellFilters takes it.
  const askedOf = (asked: typeof query): CrosstabQuery => ({ cols: [], filters: [], years: null, population: null, ...asked }) as CrosstabQuery;
  const drillable = shown !== null && shown.result.measures.some((measure) => !indicatorMeasures.has(measure));

  return (
    <section aria-labelledby="section-title" className="crosstab">
      <h1 id="section-title">{t('crosstab.title')}</h1>
      <SavedAnalyses query={query} onOpen={setLayout} onError={setError} />
      <Builder layout={layout} onChange={setLayout} />
      <div className="crosstab-status" aria-live="polite">
        {run.slow && (
          <p className="running" role="status">
            <progress aria-label={t('crosstab.running')} /> {t('crosstab.running')}{' '}
            <button type="button" onClick={run.cancel}>
              {t('crosstab.cancel')}
            </button>
          </p>
        )}
        {run.cancelled && <p role="status">{t('crosstab.cancelled')}</p>}
        {refused && (
          <p className="refused" role="alert">
            {refused}
          </p>
        )}
        {!refused && run.error !== null && <ErrorBanner error={run.error} />}
        {stale && !run.slow && !run.cancelled && (refused || run.error !== null) && <p className="hint">{t('crosstab.stale')}</p>}
      </div>
      {error !== null && <ErrorBanner error={error} onDismiss={() => setError(null)} />}
      {shown && (
        <>
          <div className="toolbar">
            <label>
              <input type="checkbox" checked={heat} onChange={(event) => setHeat(event.target.checked)} /> {t('crosstab.heatMap')}
            </label>
            <TableExport query={shown.query} onError={setError} />
            <span className="hint">{drillable ? t('crosstab.drillHint') : t('crosstab.drillIndicator')}</span>
          </div>
          {notice && (
            <p className="notice-line" role="status">
              {notice}
            </p>
          )}
          {shown.result.cells.length === 0 ? (
            <p>{t('crosstab.empty')}</p>
          ) : (
            <>
              <CrosstabTable
                result={shown.result}
                heat={heat}
                caption={caption(shown.result)}
                onDrill={drillable ? (cell) => void drill(shown.result, askedOf(shown.query), cell) : undefined}
              />
              <CrosstabChart result={shown.result} title={caption(shown.result)} onError={setError} />
            </>
          )}
        </>
      )}
    </section>
  );
}
