import type { CrosstabCell } from '../../../../main/contract/domains/crosstab';

// The heat map's colours: a sequential blue in six steps, light to dark, each with the text colour
// that reads on it (WCAG AA contrast: dark ink up to the fifth step, white on the darkest).

export const heatSteps = [
  { background: '#f0f6fc', ink: '#1d2430' },
  { background: '#c6dbef', ink: '#1d2430' },
  { background: '#9ecae1', ink: '#1d2430' },
  { background: '#6baed6', ink: '#1d2430' },
  { background: '#4292c6', ink: '#10161f' },
  { background: '#08519c', ink: '#ffffff' },
] as const;

export type HeatStep = (typeof heatSteps)[number];

export interface HeatRange {
  low: number;
  high: number;
}

/** Each measure's range over the cells proper: totals are of another size and are not coloured. */
export function heatRanges(cells: readonly CrosstabCell[], measures: number): (HeatRange | null)[] {
  return Array.from({ length: measures }, (_, i) => {
    const values = cells.filter((cell) => !cell.total.some(Boolean)).map((cell) => cell.values[i]).filter((value): value is number => value !== null && value !== undefined);
    return values.length === 0 ? null : { low: Math.min(...values), high: Math.max(...values) };
  });
}

export function heatStep(range: HeatRange | null, value: number | null | undefined): HeatStep | null {
  if (!range || value === null || value === undefined) return null;
  const share = range.high === range.low ? 1 : (value - range.low) / (range.high - range.low);
  return heatSteps[Math.min(heatSteps.length - 1, Math.floor(share * heatSteps.length))]!;
}
