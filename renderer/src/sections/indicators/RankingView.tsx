import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { IndicatorDefinition } from '../../../../main/contract/calls';
import { indicatorTables } from '../../../../main/contract/tables';
import { useCall } from '../../api/use-call';
import { EChart, type ChartOption } from '../../components/EChart';
import { ErrorBanner } from '../../components/ErrorBanner';
import { formatNumber } from '../../format';
import { IndicatorSelect, SexSelect, YearSelect, formatValue, sexesOf, useIndicatorChoice, useIndicatorName } from './choices';

const BAR_HEIGHT = 16;

/** All municipalities for one indicator and year as bars, best first; the ones without a value are counted apart. */
export function RankingView({ definitions }: { definitions: IndicatorDefinition[] }) {
  const { t } = useTranslation();
  const name = useIndicatorName();
  const { definition, year, sex, setIndicator, setYear, setSex } = useIndicatorChoice(definitions);
  const { data, error } = useCall('indicators.ranking', { indicator: definition.code, period: year, sex }, indicatorTables);

  const option = useMemo<ChartOption | null>(() => {
    if (!data) return null;
    return {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (value: number) => formatValue(value) },
      grid: { left: 150, right: 70, top: 10, bottom: 30 },
      xAxis: { type: 'value', axisLabel: { formatter: (value: number) => formatValue(value) } },
      // Best at the top.
      yAxis: { type: 'category', inverse: true, data: data.rows.map((row) => row.name), axisLabel: { interval: 0 } },
      series: [
        {
          type: 'bar',
          name: name(definition),
          data: data.rows.map((row) => row.value),
          label: { show: true, position: 'right', formatter: (params: { value: number }) => formatValue(params.value) },
        },
      ],
    };
  }, [data, definition, name]);

  return (
    <div className="indicator-view">
      <div className="controls">
        <IndicatorSelect definitions={definitions} value={definition.code} onChange={setIndicator} />
        <YearSelect years={definition.periods} value={year} onChange={setYear} />
        <SexSelect value={sex} onChange={setSex} allowed={sexesOf(definition)} />
      </div>
      {error !== undefined && <ErrorBanner error={error} />}
      {data && option && (
        <>
          <EChart option={option} label={t('indicators.rankingTitle', { indicator: name(definition), year })} height={data.rows.length * BAR_HEIGHT + 50} />
          {data.missing.length > 0 && (
            <p className="muted" title={data.missing.map((place) => place.name).join(', ')}>
              {t('indicators.missingCount', { count: data.missing.length, formattedCount: formatNumber(data.missing.length) })}
            </p>
          )}
        </>
      )}
    </div>
  );
}
