import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IndicatorDefinition, Place, Profile, Sex } from '../../../../main/contract/calls';
import { indicatorSexes } from '../../../../main/contract/calls';
import { indicatorTables } from '../../../../main/contract/tables';
import { useCall } from '../../api/use-call';
import { EChart, type ChartOption } from '../../components/EChart';
import { ErrorBanner } from '../../components/ErrorBanner';
import { MultiPicker } from '../../components/MultiPicker';
import { formatValue, useIndicatorName } from './choices';

const LEVELS = ['country', 'county', 'municipality', 'regso', 'deso'] as const;
const DEFAULT_PLACE = '0180';
/** More lines than this in one small chart cannot be told apart. */
const MAX_PEERS = 5;

interface Props {
  definitions: IndicatorDefinition[];
  places: Place[];
}

/** One place over time, per indicator a small chart, with its county, the country, its area type's mean and peers. */
export function ProfileView({ definitions, places }: Props) {
  const { t } = useTranslation();
  const name = useIndicatorName();
  const [geo, setGeo] = useState(places.some((place) => place.code === DEFAULT_PLACE) ? DEFAULT_PLACE : places[0]!.code);
  const [indicators, setIndicators] = useState<string[]>([definitions[0]!.code]);
  const [sexes, setSexes] = useState<Sex[]>(['T']);
  const [peers, setPeers] = useState<string[]>([]);
  const chosen = indicators.filter((code) => definitions.some((definition) => definition.code === code));
  const { data, error } = useCall('indicators.profile', { geo, indicators: chosen.length > 0 ? chosen : [definitions[0]!.code], sexes, peers }, indicatorTables);
  const municipalities = places.filter((place) => place.level === 'municipality');

  const toggle = <T,>(list: T[], item: T, on: boolean) => (on ? [...list, item] : list.filter((x) => x !== item));

  return (
    <div className="indicator-view">
      <div className="controls">
        <label>
          {t('indicators.place')}
          <select value={geo} onChange={(event) => setGeo(event.target.value)}>
            {LEVELS.map((level) => {
              const ofLevel = places.filter((place) => place.level === level);
              return ofLevel.length === 0 ? null : (
                <optgroup key={level} label={t(`indicators.levels.${level}`)}>
                  {ofLevel.map((place) => (
                    <option key={place.code} value={place.code}>
                      {place.name === place.code ? place.code : `${place.name} (${place.code})`}
                    </option>
                  ))}
                </optgroup>
              );
            })}
          </select>
        </label>
        <MultiPicker
          label={t('indicators.peers')}
          options={municipalities.map((place) => ({ value: place.code, label: place.name }))}
          chosen={peers}
          onChange={setPeers}
          max={MAX_PEERS}
        />
        <fieldset>
          <legend>{t('indicators.sex')}</legend>
          {indicatorSexes.map((sex) => (
            <label key={sex} className="check">
              <input
                type="checkbox"
                checked={sexes.includes(sex)}
                disabled={sexes.length === 1 && sexes.includes(sex)}
                onChange={(event) => setSexes(toggle(sexes, sex, event.target.checked))}
              />
              {t(`indicators.sexes.${sex}`)}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>{t('indicators.indicatorsToShow')}</legend>
          {definitions.map((definition) => (
            <label key={definition.code} className="check">
              <input
                type="checkbox"
                checked={indicators.includes(definition.code)}
                disabled={indicators.length === 1 && indicators.includes(definition.code)}
                onChange={(event) => setIndicators(toggle(indicators, definition.code, event.target.checked).slice(0, 12))}
              />
              {name(definition)}
            </label>
          ))}
        </fieldset>
      </div>
      {error !== undefined && <ErrorBanner error={error} />}
      {data && (
        <div className="small-multiples">
          {chosen.map((code) => (
            <ProfileChart key={code} profile={data} definition={definitions.find((definition) => definition.code === code)!} />
          ))}
        </div>
      )}
    </div>
  );
}

const LEGEND_ROW = 22;
/** Lines' names are long ("Stockholms län (län) – Kvinnor"): about two fit a row of a small chart. */
const legendRows = (lines: number) => Math.ceil(lines / 2);

function ProfileChart({ profile, definition }: { profile: Profile; definition: IndicatorDefinition }) {
  const { t } = useTranslation();
  const name = useIndicatorName();
  const series = profile.series.filter((line) => line.indicator === definition.code && line.points.length > 0);
  const option = useMemo<ChartOption>(() => {
    const periods = [...new Set(series.flatMap((line) => line.points.map((point) => point.period)))].sort((a, b) => a - b);
    return {
      tooltip: { trigger: 'axis', valueFormatter: (value: number) => formatValue(value) },
      // Every line named at once, in as many rows as it takes, never a paged legend.
      legend: { bottom: 0, left: 'center', width: '96%' },
      grid: { left: 60, right: 90, top: 20, bottom: 40 + LEGEND_ROW * legendRows(series.length) },
      xAxis: { type: 'category', data: periods.map(String) },
      yAxis: { type: 'value', scale: true, axisLabel: { formatter: (value: number) => formatValue(value) } },
      series: series.map((line) => {
        const byPeriod = new Map(line.points.map((point) => [point.period, point.value]));
        const label = t(`indicators.roles.${line.role}`, { label: line.label });
        return {
          name: `${label} – ${t(`indicators.sexes.${line.sex}`)}`,
          type: 'line',
          // A year without a value is a gap in the line, never a zero.
          data: periods.map((period) => byPeriod.get(period) ?? null),
          connectNulls: false,
          lineStyle: { width: line.role === 'self' ? 3 : 1.5, type: line.role === 'self' ? 'solid' : 'dashed' },
          endLabel: line.role === 'self' ? { show: true, formatter: (params: { value: number }) => formatValue(params.value) } : undefined,
        };
      }),
    };
  }, [series, t]);
  const title = t('indicators.profileTitle', { indicator: name(definition), place: profile.place.name });
  if (series.length === 0) return <p>{t('indicators.noValues', { indicator: name(definition) })}</p>;
  return (
    <EChart option={option} title={title} unit={definition.unit} source={definition.source} format={formatValue} height={260 + LEGEND_ROW * legendRows(series.length)} />
  );
}
