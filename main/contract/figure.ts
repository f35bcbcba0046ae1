/**
 * An evaluation figure the Swedish way, in both languages and in the report alike: a decimal
 * comma, a real minus sign, `+` on a change when asked, "–" for missing (never 0). Rounded first,
 * so a tiny negative shows as 0,0 rather than −0,0.
 */
export function formatFigure(value: number | null | undefined, decimals = 1, signed = false): string {
  if (value === null || value === undefined) return '–';
  const rounded = Math.round(value * 10 ** decimals) / 10 ** decimals || 0;
  const text = rounded.toLocaleString('sv-SE', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
  return signed && rounded > 0 ? `+${text}` : text;
}
