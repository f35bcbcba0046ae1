import { BarChart, LineChart, ScatterChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import type { EvaluationDashboard, EvaluationDid } from '../../contract/calls';
import type { ReportWords } from './report-words';

// The report's charts, drawn as SVG in Node (ECharts' server-side rendering), so the HTML file
// carries them inline and needs nothing else to show or print them.

echarts.use([BarChart, LineChart, ScatterChart, GridComponent, LegendComponent, MarkLineComponent, SVGRenderer]);

const LOCALE = 'sv-SE';
const decimal = (value: number) => value.toLocaleString(LOCALE, { maximumFractionDigits: 2 });

function svg(option: echarts.EChartsCoreOption, width: number, height: number): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  chart.setOption({ animation: false, textStyle: { fontFamily: 'system-ui, sans-serif' }, ...option });
  const drawn = chart.renderToSVGString();
  chart.dispose();
  return drawn;
}

/** The event-study estimates by years from start with their 95% intervals as a band; e < 0 are the placebo pre-periods. */
export function eventStudySvg(did: EvaluationDid, words: ReportWords): string {
  const rows = did.event;
  const labels = rows.map((row) => String(row.e));
  return svg(
    {
      grid: { left: 56, right: 16, top: 32, bottom: 40 },
      legend: { top: 0, data: [words.estimate, words.interval] },
      xAxis: { type: 'category', data: labels, name: words.eventTime, nameLocation: 'middle', nameGap: 26 },
      yAxis: { type: 'value', axisLabel: { formatter: decimal } },
      series: [
        { name: 'low', type: 'line', stack: 'band', data: rows.map((row) => row.low), lineStyle: { opacity: 0 }, symbol: 'none' },
        { name: words.interval, type: 'line', stack: 'band', data: rows.map((row) => row.high - row.low), lineStyle: { opacity: 0 }, symbol: 'none', areaStyle: { color: '#9ec5e8', opacity: 0.6 } },
        {
          name: words.estimate,
          type: 'line',
          data: rows.map((row) => row.att),
          color: '#1f4e79',
          markLine: { symbol: 'none', silent: true, data: [{ yAxis: 0 }], lineStyle: { color: '#555', type: 'dashed' }, label: { show: false } },
        },
      ],
    },
    720,
    300,
  );
}

const DAY_MS = 86_400_000;
const time = (day: string) => Date.parse(`${day}T00:00:00Z`);

/** Each grant's span as a bar from its start, with its milestones and reports as marks (filled when done). */
export function timelineSvg(rows: EvaluationDashboard['timeline'], words: ReportWords): string {
  const names = rows.map((row) => row.caseNumber);
  const marks = rows.flatMap((row, i) => row.marks.map((mark) => ({ value: [time(mark.dueOn), i], done: mark.done, report: mark.source === 'report' })));
  const starts = rows.map((row) => time(row.startsOn));
  return svg(
    {
      grid: { left: 96, right: 16, top: 28, bottom: 28 },
      legend: { top: 0, data: [words.milestones, words.reports] },
      // Timestamps on a value axis: stacked bars only stack on a value axis.
      xAxis: { type: 'value', min: Math.min(...starts) - 30 * DAY_MS, max: Math.max(...rows.map((row) => time(row.endsOn))) + 30 * DAY_MS, axisLabel: { formatter: (value: number) => new Date(value).toISOString().slice(0, 7) } },
      yAxis: { type: 'category', data: names, inverse: true },
      series: [
        { type: 'bar', stack: 'span', data: starts, itemStyle: { color: 'transparent' }, barWidth: 10 },
        { type: 'bar', stack: 'span', data: rows.map((row) => time(row.endsOn) - time(row.startsOn)), itemStyle: { color: '#b8d3ea' }, barWidth: 10 },
        { name: words.milestones, type: 'scatter', symbol: 'diamond', symbolSize: 8, color: '#1f4e79', data: marks.filter((m) => !m.report).map((m) => ({ value: m.value, itemStyle: { opacity: m.done ? 1 : 0.35 } })) },
        { name: words.reports, type: 'scatter', symbol: 'rect', symbolSize: 7, color: '#b35900', data: marks.filter((m) => m.report).map((m) => ({ value: m.value, itemStyle: { opacity: m.done ? 1 : 0.35 } })) },
      ],
    },
    900,
    Math.max(160, 60 + rows.length * 18),
  );
}

/** A tracked place's values beside its comparison places' mean, with the targets. */
export function followUpSvg(
  series: { years: number[]; place: (number | null)[]; comparison: (number | null)[]; targets: (number | null)[] },
  labels: { place: string; comparison: string; target: string },
): string {
  return svg(
    {
      grid: { left: 56, right: 16, top: 32, bottom: 28 },
      legend: { top: 0 },
      xAxis: { type: 'category', data: series.years.map(String) },
      yAxis: { type: 'value', scale: true, axisLabel: { formatter: decimal } },
      series: [
        { name: labels.place, type: 'line', data: series.place, color: '#1f4e79', connectNulls: true },
        { name: labels.comparison, type: 'line', data: series.comparison, color: '#888', lineStyle: { type: 'dashed' }, connectNulls: true },
        { name: labels.target, type: 'scatter', data: series.targets, color: '#2e7d32', symbol: 'triangle', symbolSize: 9 },
      ],
    },
    640,
    240,
  );
}
