import type { TFunction } from 'i18next';

// ECharts' own screen-reader description is English and reads raw data ("2018 is 0, 5300000000"
// for kronor kept in öre). Each chart is described here instead, in the UI's language, with its
// values formatted as the chart shows them.

const MAX_POINTS = 40;

type Point = number | null | { name?: string; value?: number | null };
interface Series {
  name?: string;
  data?: Point[];
}
interface Axis {
  type?: string;
  data?: (string | number)[];
}
export interface DescribedOption {
  series?: Series[];
  xAxis?: Axis;
  yAxis?: Axis;
}

function pointsOf(series: Series, categories: (string | number)[], format: (value: number) => string, t: TFunction): string {
  const points = (series.data ?? []).map((point, index) => {
    const value = typeof point === 'object' && point !== null ? point.value : point;
    const name = typeof point === 'object' && point !== null && point.name ? point.name : String(categories[index] ?? index + 1);
    return `${name} ${value === null || value === undefined || Number.isNaN(value) ? t('chart.missing') : format(value)}`;
  });
  const shown = points.slice(0, MAX_POINTS).join(', ');
  return points.length > MAX_POINTS ? `${shown} ${t('chart.andMore', { count: points.length - MAX_POINTS })}` : shown;
}

/** "Beviljat per år, i kr. Beviljat belopp: 2019 1 250 000 kr, 2020 …" */
export function describeChart(option: DescribedOption, heading: string, format: (value: number) => string, t: TFunction): string {
  const categoryAxis = option.xAxis?.type === 'category' ? option.xAxis : option.yAxis?.type === 'category' ? option.yAxis : undefined;
  const categories = categoryAxis?.data ?? [];
  const series = (option.series ?? []).map((one) => `${one.name ? `${one.name}: ` : ''}${pointsOf(one, categories, format, t)}`);
  return [heading, ...series].join('. ');
}
