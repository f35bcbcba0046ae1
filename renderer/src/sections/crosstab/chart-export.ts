import type { ChartInstance } from '../../components/EChart';

/** PNG at twice the size on screen: sharp on a slide or in print. */
const SCALE = 2;

/**
 * The chart as an image to save: SVG as ECharts draws it, PNG drawn from that SVG on a canvas
 * (the chart renders to SVG, which has no PNG of its own), on white as it is shown.
 */
export async function chartImage(chart: ChartInstance, kind: 'png' | 'svg'): Promise<string> {
  const svg = chart.renderToSVGString();
  if (kind === 'svg') return svg;
  const image = new Image();
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  await image.decode();
  const canvas = document.createElement('canvas');
  canvas.width = chart.getWidth() * SCALE;
  canvas.height = chart.getHeight() * SCALE;
  const context = canvas.getContext('2d')!;
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.drawImage(image, 0, 0, canvas.width, canvas.height);
  return canvas.toDataURL('image/png').slice('data:image/png;base64,'.length);
}
