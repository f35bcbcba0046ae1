import { BarChart, HeatmapChart, LineChart, MapChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { describeChart, type DescribedOption } from './chart-description';

// SVG rather than canvas: crisp at any zoom, and the text in a chart is real text a screen reader
// and a test can find.
echarts.use([BarChart, HeatmapChart, LineChart, MapChart, GridComponent, TooltipComponent, LegendComponent, VisualMapComponent, AriaComponent, SVGRenderer]);

/** Makes boundaries (a GeoJSON FeatureCollection) available to map series under `name`. */
export function registerMap(name: string, geoJson: unknown): void {
  echarts.registerMap(name, geoJson as Parameters<typeof echarts.registerMap>[1]);
}

export type ChartOption = echarts.EChartsCoreOption;
export type ChartInstance = echarts.ECharts;

/**
 * ECharts puts what a tooltip formatter returns into the page as HTML. Its own default tooltips
 * encode names; every formatter of ours passes each name, label or other stored text through this
 * first, so a place named `<b>…</b>` in an imported file shows as those characters.
 */
export const escapeHtml: (text: string) => string = echarts.format.encodeHTML;

interface Props {
  option: ChartOption;
  /** What the chart shows, on screen above it. */
  title: string;
  /** The unit of its values ("kr", "%"), shown beside the title. */
  unit: string;
  /** Where its figures come from, shown below it. */
  source: string;
  /** Formats a value as the chart shows it, for the screen-reader description. */
  format: (value: number) => string;
  height?: number;
  /** The drawn chart, for a view that saves it as an image; null once it is gone. */
  onInstance?: (chart: echarts.ECharts | null) => void;
}

/** A chart with its title, unit and source in words on screen, and a description in the UI's language. */
export function EChart({ option, title, unit, source, format, height = 320, onInstance }: Props) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const titleId = useId();

  useEffect(() => {
    const element = ref.current!;
    const instance = echarts.init(element, undefined, { renderer: 'svg' });
    chart.current = instance;
    onInstance?.(instance);
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
      onInstance?.(null);
    };
    // The chart is made once per mount; a new callback needs no new chart.
  }, []);

  useEffect(() => {
    const description = describeChart(option as DescribedOption, `${title} (${t('chart.unit', { unit })})`, format, t);
    chart.current?.setOption({ aria: { enabled: true, label: { description } }, animation: false, ...option }, true);
  }, [option, title, unit, format, t]);

  // ECharts writes its description onto the element it draws in, so the title sits on the figure.
  return (
    <figure className="chart" aria-labelledby={titleId}>
      <figcaption>
        <span id={titleId} className="chart-title">
          {title}
        </span>
        <span className="chart-unit">{t('chart.unit', { unit })}</span>
      </figcaption>
      <div ref={ref} style={{ height }} />
      <p className="chart-source">{t('chart.source', { source })}</p>
    </figure>
  );
}
