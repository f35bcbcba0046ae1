import { AppError } from '../../contract/errors';
import { headerList } from '../tabular/header-list';
import { detectDecimalMark, parseNumber, type DecimalMark } from '../tabular/numbers';
import type { TabularRow } from '../tabular/tabular-source';
import type { RawValue, ValueFields, ValueTarget } from './value-checker';

// Header names as Swedish agencies and their spreadsheets write them, compared in lower case.
const HEADERS = {
  indicator: ['indikator', 'indicator', 'kpi', 'nyckeltal', 'indikatorkod', 'indicator_code'],
  geo: ['geografi', 'geo', 'geo_code', 'kommun', 'kommunkod', 'region', 'regionkod', 'område', 'områdeskod', 'deso', 'regso', 'municipality', 'area', 'kod', 'code'],
  period: ['år', 'ar', 'period', 'year', 'tid'],
  sex: ['kön', 'kon', 'sex', 'gender'],
  value: ['värde', 'varde', 'value'],
} as const;

/** Long form has one value a row; wide form has one column per year (`2019`, `2020`, ...). */
export type Layout =
  | { kind: 'long'; indicator: number; geo: number; sex: number | null; period: number; value: number }
  | { kind: 'wide'; indicator: number; geo: number; sex: number | null; years: { column: number; year: string }[] };

export function layoutOf(headers: readonly string[]): Layout {
  const names = headers.map((header) => header.trim().toLowerCase());
  const find = (aliases: readonly string[]) => {
    const index = names.findIndex((name) => aliases.includes(name));
    return index >= 0 ? index : null;
  };
  const indicator = find(HEADERS.indicator);
  const geo = find(HEADERS.geo);
  const sex = find(HEADERS.sex);
  const period = find(HEADERS.period);
  const value = find(HEADERS.value);
  const years = names.flatMap((name, column) => (/^\d{4}$/.test(name) ? [{ column, year: name }] : []));
  if (indicator === null || geo === null) {
    throw new AppError(
      'INVALID_ARGUMENT',
      `Not an indicator file: it needs an indicator column (${HEADERS.indicator.join(', ')}) and a geography column (${HEADERS.geo.join(', ')}); found ${headerList(headers)}.`,
    );
  }
  if (period !== null && value !== null) return { kind: 'long', indicator, geo, sex, period, value };
  if (years.length > 0) return { kind: 'wide', indicator, geo, sex, years };
  throw new AppError(
    'INVALID_ARGUMENT',
    `Not an indicator file: it needs either a year and a value column (long form) or one column per year (wide form); found ${headerList(headers)}.`,
  );
}

/** The layout of a file's header and the decimal mark of its first rows. */
export function formatOf(headers: string[], rows: readonly TabularRow[], separator: string): { layout: Layout; decimal: DecimalMark } {
  const layout = layoutOf(headers);
  return { layout, decimal: decimalMarkOf(layout, rows, separator) };
}

/** The decimal mark of the value cells, judged on the first rows. */
function decimalMarkOf(layout: Layout, rows: readonly TabularRow[], separator: string): DecimalMark {
  const columns = layout.kind === 'long' ? [layout.value] : layout.years.map((year) => year.column);
  const samples = rows.slice(0, 200).flatMap((row) => columns.map((column) => row.cells[column] ?? ''));
  return detectDecimalMark(samples, separator);
}

/** Hands every value in a batch of rows to the checker. */
export function putRows(
  checker: Pick<ValueTarget, 'put'>,
  headers: readonly string[],
  layout: Layout,
  decimal: DecimalMark,
  rows: readonly TabularRow[],
): void {
  const fields: ValueFields = {
    indicator: headers[layout.indicator] ?? null,
    geo: headers[layout.geo] ?? null,
    sex: layout.sex === null ? null : (headers[layout.sex] ?? null),
    period: layout.kind === 'long' ? (headers[layout.period] ?? null) : null,
    value: layout.kind === 'long' ? (headers[layout.value] ?? null) : null,
  };
  const yearFields = new Map(layout.kind === 'wide' ? layout.years.map(({ year }) => [year, { ...fields, period: year, value: year }]) : []);
  const value: RawValue = { row: 0, fields, indicator: '', geo: '', period: '', sex: '', value: undefined, raw: '' };
  for (const { row, cells } of rows) {
    value.row = row;
    value.indicator = (cells[layout.indicator] ?? '').trim();
    value.geo = cells[layout.geo] ?? '';
    value.sex = layout.sex === null ? 'T' : (cells[layout.sex] ?? '');
    if (layout.kind === 'long') {
      value.raw = cells[layout.value] ?? '';
      value.period = cells[layout.period] ?? '';
      value.value = parseNumber(value.raw, decimal);
      checker.put(value);
      continue;
    }
    for (const { column, year } of layout.years) {
      value.raw = cells[column] ?? '';
      value.fields = yearFields.get(year)!;
      value.period = year;
      value.value = parseNumber(value.raw, decimal);
      checker.put(value);
    }
  }
}
