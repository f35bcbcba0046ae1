import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { IndicatorDefinition, Ranking } from '../../../../main/contract/calls';
import { indicatorTables } from '../../../../main/contract/tables';
import { useCall } from '../../api/use-call';
import { EChart, type ChartOption } from '../../components/EChart';
import { ErrorBanner } from '../../components/ErrorBanner';
import { formatNumber } from '../../format';
import { IndicatorSelect, SexSelect, YearSelect, formatValue, sexesOf, useIndicatorChoice, useIndicatorName } from './choices';

const BAR_HEIGHT = 16;
/** The chart shows the best and the worst this many; the table beside it has every municipality. */
const ENDS = 15;
const DESIGNATED_COLOUR = '#b5531c';
const OTHER_COLOUR = '#1f5fa8';

type Row = Ranking['rows'][number];
/** The ranking marks the designated municipalities, so it reloads when a designation changes too. */
const rankingShows = [...indicatorTables, 'designation_members'] as const;

/** The best and worst municipalities, with a gap between them when there are more than both ends hold. */
function ends(rows: Row[]): (Row | null)[] {
  return rows.length <= 2 * ENDS ? rows : [...rows.slice(0, ENDS), null, ...rows.slice(-ENDS)];
}

/**
 * One indicator and year over the municipalities, best first by the indicator's direction: a
 * chart of the best and worst, the designated municipalities marked, and every municipality in a
 * table that scrolls within the window.
 */
export function RankingView({ definitions }: { definitions: IndicatorDefinition[] }) {
  const { t } = useTranslation();
  const name = useIndicatorName();
  const { definition, year, sex, setIndicator, setYear, setSex } = useIndicatorChoice(definitions);
  const { data, error } = useCall('indicators.ranking', { indicator: definition.code, period: year, sex }, rankingShows);

  const shown = useMemo(() => (data ? ends(data.rows) : []), [data]);
  const option = useMemo<ChartOption | null>(() => {
    if (!data) return null;
    return {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (value: number) => formatValue(value) },
      grid: { left: 150, right: 70, top: 10, bottom: 30 },
      xAxis: { type: 'value', axisLabel: { formatter: (value: number) => formatValue(value) } },
      // Best at the top.
      yAxis: { type: 'category', inverse: true, data: shown.map((row) => (row ? row.name : '⋯')), axisLabel: { interval: 0 } },
      series: [
        {
          type: 'bar',
          name: name(definition),
          data: shown.map((row) => (row ? { value: row.value, itemStyle: { color: row.designated ? DESIGNATED_COLOUR : OTHER_COLOUR } } : null)),
          label: { show: true, position: 'right', formatter: (params: { value: number }) => formatValue(params.value) },
        },
      ],
    };
  }, [data, shown, definition, name]);

  const direction = t(definition.higherIsBetter ? 'indicators.ranking.higherBetter' : 'indicators.ranking.lowerBetter');
  return (
    <div className="indicator-view">
      <div className="controls">
        <IndicatorSelect definitions={definitions} value={definition.code} onChange={setIndicator} />
        <YearSelect years={definition.periods} value={year} onChange={setYear} />
        <SexSelect value={sex} onChange={setSex} allowed={sexesOf(definition)} />
      </div>
      {error !== undefined && <ErrorBanner error={error} />}
      {data && option && (
        <div className="ranking">
          <div>
            <EChart
              option={option}
              title={t('indicators.ranking.chartTitle', { indicator: name(definition), year, count: ENDS })}
              unit={definition.unit}
              source={definition.source}
              format={formatValue}
              height={shown.length * BAR_HEIGHT + 50}
            />
            <p className="muted">
              {direction} <span className="swatch" style={{ background: DESIGNATED_COLOUR }} aria-hidden="true" /> {t('indicators.ranking.designatedKey')}
            </p>
            {data.missing.length > 0 && (
              <p className="muted" title={data.missing.map((place) => place.name).join(', ')}>
                {t('indicators.missingCount', { count: data.missing.length, formattedCount: formatNumber(data.missing.length) })}
              </p>
            )}
          </div>
          <div className="ranking-table" tabIndex={0} role="region" aria-label={t('indicators.ranking.tableTitle')}>
            <table className="detail-table">
              <caption>{t('indicators.ranking.tableTitle')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('indicators.ranking.rank')}</th>
                  <th scope="col">{t('indicators.ranking.municipality')}</th>
                  <th scope="col" className="number">
                    {t('indicators.ranking.value', { unit: definition.unit })}
                  </th>
                  <th scope="col">{t('indicators.ranking.designated')}</th>
                </tr>
              </thead>
              <tbody>
                {data.rows.map((row, index) => (
                  <tr key={row.code} className={row.designated ? 'designated' : undefined}>
                    <td className="number">{index + 1}</td>
                    <td>
                      {row.name} <span className="muted">{row.code}</span>
                    </td>
                    <td className="number">{formatValue(row.value)}</td>
                    <td>{row.designated ? t('indicators.ranking.yes') : ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      )}
    </div>
  );
}
