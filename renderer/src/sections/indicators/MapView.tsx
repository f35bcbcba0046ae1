import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BoundaryLevel, IndicatorDefinition, IndicatorMap, StoreInfo } from '../../../../main/contract/calls';
import { boundaryLevels } from '../../../../main/contract/calls';
import { indicatorTables } from '../../../../main/contract/tables';
import { call } from '../../api/client';
import { useCall } from '../../api/use-call';
import { EChart, escapeHtml, registerMap, type ChartOption } from '../../components/EChart';
import { ErrorBanner } from '../../components/ErrorBanner';
import { IndicatorSelect, SexSelect, YearSelect, formatValue, sexesOf, useIndicatorChoice, useIndicatorName } from './choices';

interface Props {
  definitions: IndicatorDefinition[];
  busy: boolean;
  onRun: (action: () => Promise<StoreInfo | null>) => Promise<void>;
}

let registered = 0;

const mapTables = [...indicatorTables, 'boundaries'] as const;

/** A choropleth of one indicator, year and sex over the imported boundaries of a level. */
export function MapView({ definitions, busy, onRun }: Props) {
  const { t } = useTranslation();
  const name = useIndicatorName();
  const [level, setLevel] = useState<BoundaryLevel>('municipality');
  const { definition, year, sex, setIndicator, setYear, setSex } = useIndicatorChoice(definitions);
  const [imported, setImported] = useState<{ features: number; matched: number; unmatched: string[] } | null>(null);
  const { data, error } = useCall('indicators.map', { indicator: definition.code, period: year, sex, level }, mapTables);

  const importBoundaries = () =>
    onRun(async () => {
      const file = await call('files.pick', { purpose: 'import', extensions: ['geojson', 'json'] });
      if (!file) return null;
      setImported(await call('boundaries.import', { fileId: file.fileId, level }));
      return null;
    });

  return (
    <div className="indicator-view">
      <div className="controls">
        <label>
          {t('indicators.level')}
          <select value={level} onChange={(event) => setLevel(event.target.value as BoundaryLevel)}>
            {boundaryLevels.map((candidate) => (
              <option key={candidate} value={candidate}>
                {t(`indicators.levels.${candidate}`)}
              </option>
            ))}
          </select>
        </label>
        <IndicatorSelect definitions={definitions} value={definition.code} onChange={setIndicator} />
        <YearSelect years={definition.periods} value={year} onChange={setYear} />
        <SexSelect value={sex} onChange={setSex} allowed={sexesOf(definition)} />
        <button type="button" onClick={importBoundaries} disabled={busy}>
          {t('indicators.importBoundaries')}
        </button>
      </div>
      {imported && (
        <p role="status">
          {t('indicators.boundariesImported', imported)}
          {imported.unmatched.length > 0 && ` ${t('indicators.boundariesUnmatched', { codes: imported.unmatched.slice(0, 20).join(', ') })}`}
        </p>
      )}
      {error !== undefined && <ErrorBanner error={error} />}
      {data && !data.boundaries && <p className="notice">{t('indicators.noBoundaries')}</p>}
      {data?.boundaries && (
        <Choropleth
          map={data}
          title={t('indicators.mapTitle', { indicator: name(definition), year, level: t(`indicators.levels.${level}`) })}
          unit={definition.unit}
          source={definition.source}
        />
      )}
    </div>
  );
}

function Choropleth({ map, title, unit, source }: { map: IndicatorMap; title: string; unit: string; source: string }) {
  const { t } = useTranslation();
  const option = useMemo<ChartOption>(() => {
    // A new name per data set: ECharts keeps registered maps by name.
    const mapName = `grantlens-${map.level}-${++registered}`;
    registerMap(mapName, map.boundaries);
    const present = map.values.filter((place): place is { code: string; name: string; value: number } => place.value !== null);
    const values = present.map((place) => place.value);
    const min = Math.min(...values);
    const max = Math.max(...values);
    return {
      tooltip: {
        trigger: 'item',
        formatter: (params: { data?: { placeName: string; value: number } }) =>
          params.data ? `${escapeHtml(params.data.placeName)}: ${formatValue(params.data.value)}` : escapeHtml(t('indicators.missingOnMap')),
      },
      visualMap: {
        type: 'continuous',
        min: values.length > 0 ? min : 0,
        max: values.length > 0 ? max : 1,
        text: values.length > 0 ? [formatValue(max), formatValue(min)] : [],
        calculable: false,
        left: 10,
        bottom: 10,
        inRange: { color: ['#e8f0fa', '#1f5fa8', '#0d2c52'] },
      },
      series: [
        {
          type: 'map',
          map: mapName,
          nameProperty: 'code',
          roam: true,
          // Places without a value are left out of the data, so they stay grey: never coloured as 0.
          data: present.map((place) => ({ name: place.code, value: place.value, placeName: place.name })),
          itemStyle: { areaColor: '#d0d4da', borderColor: '#ffffff', borderWidth: 0.5 },
          emphasis: { label: { show: false } },
        },
      ],
    };
  }, [map, t]);
  return (
    <>
      <EChart option={option} title={title} unit={unit} source={source} format={formatValue} height={520} />
      <p className="muted">{t('indicators.missingOnMap')}</p>
    </>
  );
}
