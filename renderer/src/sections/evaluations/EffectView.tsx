import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EvaluationDid } from '../../../../main/contract/calls';
import { useCall } from '../../api/use-call';
import { EChart, type ChartOption } from '../../components/EChart';
import { ErrorBanner } from '../../components/ErrorBanner';
import { formatNumber } from '../../format';
import { formatFigure } from '../../../../main/contract/figure';
import { evaluationShows } from './shows';
import { counted } from '../../i18n/counts';

const DEFAULT_INDICATOR = 'AM0207AC';

function EventStudyChart({ did, label }: { did: EvaluationDid; label: string }) {
  const { t } = useTranslation();
  const option = useMemo<ChartOption>(() => {
    const rows = did.event;
    return {
      tooltip: {
        trigger: 'axis',
        formatter: (params: { dataIndex: number }[]) => {
          const row = rows[params[0]!.dataIndex]!;
          return `e = ${row.e}<br>${t('evaluations.effect.estimate')}: ${formatFigure(row.att, 2)}<br>${t('evaluations.effect.interval')}: ${formatFigure(row.low, 2)} – ${formatFigure(row.high, 2)}`;
        },
      },
      legend: { top: 0, data: [t('evaluations.effect.estimate'), t('evaluations.effect.interval')] },
      grid: { left: 60, right: 20, top: 34, bottom: 44 },
      xAxis: { type: 'category', data: rows.map((row) => String(row.e)), name: t('evaluations.effect.eventTime'), nameLocation: 'middle', nameGap: 28 },
      yAxis: { type: 'value', axisLabel: { formatter: (value: number) => formatFigure(value, 1) } },
      series: [
        // The interval as a band: its low edge stacked under its width.
        { type: 'line', stack: 'interval', data: rows.map((row) => row.low), lineStyle: { opacity: 0 }, symbol: 'none', silent: true },
        {
          name: t('evaluations.effect.interval'),
          type: 'line',
          stack: 'interval',
          data: rows.map((row) => row.high - row.low),
          lineStyle: { opacity: 0 },
          symbol: 'none',
          areaStyle: { color: '#9ec5e8', opacity: 0.6 },
          color: '#9ec5e8',
        },
        { name: t('evaluations.effect.estimate'), type: 'line', data: rows.map((row) => row.att), color: '#1f4e79', markLine: { symbol: 'none', silent: true, data: [{ yAxis: 0 }], label: { show: false }, lineStyle: { type: 'dashed', color: '#555' } } },
      ],
    };
  }, [did, t]);
  return <EChart option={option} title={label} unit={t('evaluations.effect.unit')} source={t('evaluations.effect.source')} format={(value) => formatFigure(value, 2)} height={340} />;
}

/** The effect across the portfolio: the event-study (pre-trend) chart and the ATT(g,t) table. */
export function EffectView() {
  const { t, i18n } = useTranslation();
  const definitions = useCall('indicators.list', {}, evaluationShows);
  const [indicator, setIndicator] = useState(DEFAULT_INDICATOR);
  const [control, setControl] = useState<'never' | 'notyet'>('never');
  const [followResearch, setFollowResearch] = useState(true);
  const municipal = (definitions.data ?? []).filter((definition) => definition.periods.length > 1 && definition.levels.includes('municipality'));
  const { data: did, error } = useCall('evaluation.did', { indicator, control, followResearch: followResearch ? true : undefined }, evaluationShows);
  const name = (code: string) => {
    const definition = municipal.find((candidate) => candidate.code === code);
    return definition ? (i18n.language === 'en' ? definition.nameEn : definition.nameSv) : code;
  };

  return (
    <div className="indicator-view">
      <div className="controls">
        <label>
          {t('evaluations.effect.indicator')}
          <select value={indicator} onChange={(event) => setIndicator(event.target.value)}>
            {municipal.map((definition) => (
              <option key={definition.code} value={definition.code}>
                {name(definition.code)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('evaluations.effect.control')}
          <select value={control} onChange={(event) => setControl(event.target.value as 'never' | 'notyet')}>
            <option value="never">{t('evaluations.effect.controls.never')}</option>
            <option value="notyet">{t('evaluations.effect.controls.notyet')}</option>
          </select>
        </label>
        <label className="check">
          <input type="checkbox" checked={followResearch} onChange={(event) => setFollowResearch(event.target.checked)} />
          {t('evaluations.effect.followResearch')}
        </label>
      </div>
      {(error ?? definitions.error) !== undefined && <ErrorBanner error={error ?? definitions.error} />}
      {did && (
        <>
          <p data-testid="did-overall">
            {did.overall
              ? t('evaluations.effect.overall', { att: formatFigure(did.overall.att, 2, true), low: formatFigure(did.overall.low, 2), high: formatFigure(did.overall.high, 2), ...counted(did.grants) })
              : t('evaluations.effect.noEstimate')}
          </p>
          {did.event.length > 0 && <EventStudyChart did={did} label={t('evaluations.effect.chartTitle', { indicator: name(indicator) })} />}
          <p className="muted">{t('evaluations.effect.preTrend')}</p>
          <table className="evaluation-table" aria-label={t('evaluations.effect.cells')}>
            <caption>{t('evaluations.effect.cells')}</caption>
            <thead>
              <tr>
                <th>{t('evaluations.effect.cohort')}</th>
                <th>{t('evaluations.effect.year')}</th>
                <th className="number">{t('evaluations.effect.att')}</th>
                <th className="number">{t('evaluations.effect.se')}</th>
                <th className="number">{t('evaluations.effect.low')}</th>
                <th className="number">{t('evaluations.effect.high')}</th>
                <th className="number">{t('evaluations.effect.treated')}</th>
                <th className="number">{t('evaluations.effect.comparison')}</th>
              </tr>
            </thead>
            <tbody>
              {did.cells.map((cell) => (
                <tr key={`${cell.cohort}-${cell.year}`} className={cell.year < cell.cohort ? 'placebo' : undefined}>
                  <td>{cell.cohort}</td>
                  <td>{cell.year}</td>
                  <td className="number">{formatFigure(cell.att, 3)}</td>
                  <td className="number">{formatFigure(cell.se, 3)}</td>
                  <td className="number">{formatFigure(cell.low, 3)}</td>
                  <td className="number">{formatFigure(cell.high, 3)}</td>
                  <td className="number">{formatNumber(cell.treated)}</td>
                  <td className="number">{formatNumber(cell.comparison)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </div>
  );
}
