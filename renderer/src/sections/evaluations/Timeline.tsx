import { ScatterChart } from 'echarts/charts';
import { MarkLineComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { EvaluationDashboard } from '../../../../main/contract/calls';
import { EChart, type ChartOption } from '../../components/EChart';

// The Gantt chart needs marks and a line for today beside the bars the shared wrapper registers.
echarts.use([ScatterChart, MarkLineComponent]);

const ROW_HEIGHT = 22;
const time = (day: string) => Date.parse(`${day}T00:00:00Z`);

interface MarkPoint {
  value: [number, number];
  name: string;
  dueOn: string;
  itemStyle: { opacity: number };
}

/** Each grant's span as a bar from its start to its end, its milestones and reports as marks on it (faint while open). */
export function Timeline({ rows, today }: { rows: EvaluationDashboard['timeline']; today: string }) {
  const { t } = useTranslation();
  const option = useMemo<ChartOption>(() => {
    const marks = (source: 'milestone' | 'report'): MarkPoint[] =>
      rows.flatMap((row, i) =>
        row.marks
          .filter((mark) => mark.source === source)
          .map((mark) => ({
            value: [time(mark.dueOn), i] as [number, number],
            name: `${row.caseNumber}: ${source === 'report' ? t(`evaluations.reportKind.${mark.what}`) : mark.what}`,
            dueOn: mark.dueOn,
            itemStyle: { opacity: mark.done ? 1 : 0.4 },
          })),
      );
    const starts = rows.map((row) => time(row.startsOn));
    return {
      tooltip: {
        trigger: 'item',
        formatter: (params: { seriesType: string; dataIndex: number; data: MarkPoint | number }) => {
          if (params.seriesType === 'scatter') {
            const point = params.data as MarkPoint;
            return `${point.name}<br>${point.dueOn}`;
          }
          const row = rows[params.dataIndex]!;
          return `${row.caseNumber} ${row.title}<br>${row.startsOn} – ${row.endsOn}`;
        },
      },
      legend: { top: 0, data: [t('evaluations.timeline.span'), t('evaluations.timeline.milestone'), t('evaluations.timeline.report')] },
      grid: { left: 100, right: 24, top: 30, bottom: 30 },
      // A value axis of timestamps rather than a time axis: stacked bars only stack on a value axis.
      xAxis: { type: 'value', min: Math.min(...starts), max: Math.max(...rows.map((row) => time(row.endsOn))), axisLabel: { formatter: (value: number) => new Date(value).toISOString().slice(0, 7) } },
      yAxis: { type: 'category', inverse: true, data: rows.map((row) => row.caseNumber), axisLabel: { interval: 0 } },
      series: [
        // An invisible bar up to the start, then the span stacked on it.
        { type: 'bar', stack: 'span', data: starts, itemStyle: { color: 'transparent' }, barWidth: 12, silent: true, tooltip: { show: false } },
        {
          name: t('evaluations.timeline.span'),
          type: 'bar',
          stack: 'span',
          barWidth: 12,
          data: rows.map((row) => time(row.endsOn) - time(row.startsOn)),
          itemStyle: { color: '#9ec5e8' },
          markLine: { symbol: 'none', data: [{ xAxis: time(today), name: t('evaluations.timeline.today') }], lineStyle: { color: '#b00020' }, label: { formatter: t('evaluations.timeline.today') } },
        },
        { name: t('evaluations.timeline.milestone'), type: 'scatter', symbol: 'diamond', symbolSize: 9, color: '#1f4e79', data: marks('milestone') },
        { name: t('evaluations.timeline.report'), type: 'scatter', symbol: 'rect', symbolSize: 8, color: '#b35900', data: marks('report') },
      ],
    };
  }, [rows, today, t]);
  return <EChart option={option} title={t('evaluations.timeline.title')} unit={t('evaluations.timeline.unit')} source={t('evaluations.timeline.source')} format={String} height={rows.length * ROW_HEIGHT + 70} />;
}
