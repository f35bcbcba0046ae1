import type { ChartInstance } from '../../components/EChart';

/** PNG at twice the size on screen: sharp on a slide or in print. */
const SCALE = 2;

/** What the screen says around the chart (its title, unit and source), in the UI's language. */
export interface ChartWords {
  title: string;
  unit: string;
  source: string;
}

// The band above the chart for its title and unit, and below it for its source, in pixels.
const HEAD = 52;
const FOOT = 28;
const MARGIN = 12;
const FONT = "system-ui, 'Segoe UI', Roboto, 'Noto Sans', sans-serif";

/** Text as SVG character data: a call's or a place's name may hold `&` or `<`. */
function xmlText(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/**
 * The chart as ECharts draws it, with its title and unit above and its source below as the screen
 * shows them (they are HTML there, not part of the drawing), on white: an image that says what it is.
 */
export function framedSvg(svg: string, width: number, height: number, words: ChartWords): string {
  const total = HEAD + height + FOOT;
  const text = (y: number, size: number, weight: number, content: string) =>
    `<text x="${MARGIN}" y="${y}" font-family="${FONT}" font-size="${size}" font-weight="${weight}" fill="${weight > 400 ? '#1b2a3a' : '#4a5563'}">${xmlText(content)}</text>`;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${total}" viewBox="0 0 ${width} ${total}">`,
    `<rect width="${width}" height="${total}" fill="#ffffff"/>`,
    text(22, 16, 600, words.title),
    text(42, 12, 400, words.unit),
    `<g transform="translate(0 ${HEAD})">${svg.replace(/^\s*<\?xml[^>]*>\s*/, '')}</g>`,
    text(HEAD + height + 18, 11, 400, words.source),
    '</svg>',
  ].join('');
}

/**
 * The chart as an image to save: SVG framed with its words, PNG drawn from that SVG on a canvas
 * (the chart renders to SVG, which has no PNG of its own).
 */
export async function chartImage(chart: ChartInstance, kind: 'png' | 'svg', words: ChartWords): Promise<string> {
  const width = chart.getWidth();
  const height = chart.getHeight();
  const svg = framedSvg(chart.renderToSVGString(), width, height, words);
  if (kind === 'svg') return svg;
  const image = new Image();
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  await image.decode();
  const canvas = document.createElement('canvas');
  canvas.width = width * SCALE;
  canvas.height = (HEAD + height + FOOT) * SCALE;
  canvas.getContext('2d')!.drawImage(image, 0, 0, canvas.width, canvas.height);
  return canvas.toDataURL('image/png').slice('data:image/png;base64,'.length);
}
