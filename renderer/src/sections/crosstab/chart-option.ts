import type { TFunction } from 'i18next';
import type { CrosstabLayout } from '../../../../main/contract/crosstab-layout';
import type { CrosstabResult, MeasureUnit } from '../../../../main/contract/domains/crosstab';
import type { ChartOption } from '../../components/EChart';
import { formatMsek } from '../../format';
import { heatSteps } from './heat';
import { formatFigure, memberLabel } from './words';

export const chartKinds = ['bar', 'stacked', 'line', 'heatmap'] as const;
export type ChartKind = (typeof chartKinds)[number];

export interface CrosstabChartSpec {
  option: ChartOption;
  unit: MeasureUnit;
}

/**
 * The table's cells without its totals as a chart: a category per row (two row members joined),
 * a series per column member of the first measure, or without a column axis a series per measure of
 * the first measure's unit (figures of different units share no axis).
 */
export function chartOf(result: CrosstabResult, layout: CrosstabLayout, kind: ChartKind, t: TFunction): CrosstabChartSpec {
  const axes = [...result.rows, ...result.cols];
  const unit = result.units[0]!;
  const rows = layout.rows.filter((row) => row.path.every((slot) => !slot.total));
  const categories = rows.map((row) => row.path.map((slot, axis) => memberLabel(t, axes[axis]!, slot.member!)).join(' · '));
  const series =
    result.cols.length > 0
      ? layout.columns.flatMap(([slot], c) =>
          slot!.total ? [] : [{ name: memberLabel(t, axes[result.rows.length]!, slot!.member!), data: rows.map((row) => row.cells[c]?.values[0] ?? null) }],
        )
      : result.measures.flatMap((measure, m) =>
          result.units[m] === unit ? [{ name: t(`crosstab.measure.${measure}`), data: rows.map((row) => row.cells[0]?.values[m] ?? null) }] : [],
        );
  const figure = (value: number) => formatFigure(unit, value);
  const axisFigure = (value: number) => (unit === 'ore' ? formatMsek(value, t('crosstab.millionsSek')) : figure(value));
  const tooltip = { valueFormatter: (value: unknown) => (typeof value === 'number' ? figure(value) : t('chart.missing')) };

  if (kind === 'heatmap') {
    const values = series.flatMap((one) => one.data).filter((value): value is number => value !== null);
    return {
      unit,
      option: {
        tooltip: { ...tooltip, position: 'top' },
        grid: { left: 8, right: 8, top: 8, bottom: 64, containLabel: true },
        xAxis: { type: 'category', data: series.map((one) => one.name), axisLabel: { rotate: 30 } },
        yAxis: { type: 'category', data: categories, inverse: true },
        visualMap: {
          min: values.length ? Math.min(...values) : 0,
          max: values.length ? Math.max(...values) : 1,
          orient: 'horizontal',
          left: 'center',
          bottom: 0,
          formatter: (value: number) => axisFigure(value),
          inRange: { color: heatSteps.map((step) => step.background) },
        },
        series: [
          {
            name: t(`crosstab.measure.${result.measures[0]!}`),
            type: 'heatmap',
            data: series.flatMap((one, x) => one.data.map((value, y) => [x, y, value ?? '-'])),
          },
        ],
      },
    };
  }
  return {
    unit,
    option: {
      tooltip: { ...tooltip, trigger: 'axis' },
      legend: { type: 'scroll', top: 0 },
      grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: categories, axisLabel: { rotate: categories.length > 8 ? 40 : 0, interval: 0 } },
      yAxis: { type: 'value', axisLabel: { formatter: axisFigure } },
      series: series.map((one) => ({
        ...one,
        type: kind === 'line' ? 'line' : 'bar',
        ...(kind === 'stacked' ? { stack: 'all' } : {}),
      })),
    },
  };
}
