// Swedish formats throughout, in both languages: the data is Swedish (kronor, Swedish dates).
const LOCALE = 'sv-SE';

const number = new Intl.NumberFormat(LOCALE);
const sek = new Intl.NumberFormat(LOCALE, { style: 'currency', currency: 'SEK', maximumFractionDigits: 0 });
const percent = new Intl.NumberFormat(LOCALE, { style: 'percent', maximumFractionDigits: 1 });
const millions = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 1 });

export const formatNumber = (value: number): string => number.format(value);

const sekWithOre = new Intl.NumberFormat(LOCALE, { style: 'currency', currency: 'SEK', minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** Amounts are stored in öre; shown as `1 250 000 kr`, with öre only where there are any (`1 250 000,50 kr`), so no two amounts look alike that are not. */
export const formatSek = (ore: number): string => (ore % 100 === 0 ? sek : sekWithOre).format(ore / 100);

const kronorInput = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 2 });

/** An amount in a form field as the grid shows it, without the unit the label already gives: `20 000 000`, `1 250,50`. */
export const formatKronorInput = (ore: number): string => kronorInput.format(ore / 100);

/** Kronor as typed in Sweden (`1 250 000,50`) to öre; NaN when it is not a number, so the server names the field. */
export function kronorToOre(text: string): number {
  const normal = text.replace(/[\s\u00a0]/g, '').replace(',', '.');
  return /^\d+(\.\d{1,2})?$/.test(normal) ? Math.round(Number(normal) * 100) : Number.NaN;
}

/** A figure as typed in Sweden (`72,5`, `-1`, `1 250`); NaN when it is not one. */
export function figureFromInput(text: string): number {
  const normal = text.replace(/[\s\u00a0]/g, '').replace(',', '.').replace(/^\u2212/, '-');
  return /^-?\d+(\.\d+)?$/.test(normal) ? Number(normal) : Number.NaN;
}

/** For chart axes: `250 mnkr`, in English `250 million kr` (figures stay Swedish in both languages). */
export const formatMsek = (ore: number, suffix: string): string => `${millions.format(ore / 100 / 1_000_000)} ${suffix}`;

/** A share between 0 and 1; a share of nothing is shown as missing, not as 0 %. */
export const formatShare = (part: number, whole: number): string => (whole > 0 ? percent.format(part / whole) : '–');

const dateTime = new Intl.DateTimeFormat(LOCALE, { dateStyle: 'short', timeStyle: 'short' });

/** A moment as the user's clock shows it: `2026-12-01 19:48`. */
export const formatDateTime = (iso: string): string => dateTime.format(new Date(iso));

const megabytes = new Intl.NumberFormat(LOCALE, { maximumSignificantDigits: 3 });

/** A file's size in megabytes (10⁶ bytes), three figures: `12,3`, `0,045`. */
export const formatMegabytes = (bytes: number): string => megabytes.format(bytes / 1_000_000);
