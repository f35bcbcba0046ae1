import { BarChart, LineChart, MapChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

// SVG rather than canvas: crisp at any zoom, and the text in a chart is real text a screen reader
// and a test can find.
echarts.use([BarChart, LineChart, MapChart, GridComponent, TooltipComponent, LegendComponent, VisualMapComponent, AriaComponent, SVGRenderer]);

/** Makes boundaries (a GeoJSON FeatureCollection) available to map series under `name`. */
export function registerMap(name: string, geoJson: unknown): void {
  echarts.registerMap(name, geoJson as Parameters<typeof echarts.registerMap>[1]);
}

export type ChartOption = echarts.EChartsCoreOption;

/**
 * ECharts puts what a tooltip formatter returns into the page as HTML. Its own default tooltips
 * encode names; every formatter of ours passes each name, label or other stored text through this
 * first, so a place named `<b>…</b>` in an imported file shows as those characters.
 */
export const escapeHtml: (text: string) => string = echarts.format.encodeHTML;

export function EChart({ option, label, height = 320 }: { option: ChartOption; label: string; height?: number }) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    const element = ref.current!;
    const instance = echarts.init(element, undefined, { renderer: 'svg' });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption({ aria: { enabled: true }, animation: false, ...option }, true);
  }, [option]);

  // ECharts writes its own generated description onto the element it draws in, so the title sits
  // on a wrapper.
  return (
    <figure className="chart" aria-label={label}>
      <div ref={ref} style={{ height }} />
    </figure>
  );
}
