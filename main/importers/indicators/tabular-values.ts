import { AppError } from '../../contract/errors';
import { headerList } from '../tabular/header-list';
import { detectDecimalMark, parseNumber, type DecimalMark } from '../tabular/numbers';
import type { TabularRow } from '../tabular/tabular-source';
import type { RawValue, ValueFields, ValueTarget } from './value-checker';

// Header names as Swedish agencies and their spreadsheets write them, compared in lower case.
const HEADERS = {
  indicator: ['indikator', 'indicator', 'kpi', 'nyckeltal', 'indikatorkod', 'indicator_code', 'tabellinnehåll'],
  geo: ['geografi', 'geo', 'geo_code', 'kommun', 'kommunkod', 'region', 'regionkod', 'område', 'områdeskod', 'deso', 'regso', 'municipality', 'area', 'kod', 'code'],
  // A place's name beside its code, which is checked against the store's name for the code.
  label: ['namn', 'kommunnamn', 'regionnamn', 'länsnamn', 'lansnamn', 'områdesnamn', 'name', 'place', 'municipality_name', 'county_name', 'geo_name'],
  period: ['år', 'ar', 'period', 'year', 'tid'],
  sex: ['kön', 'kon', 'sex', 'gender'],
  value: ['värde', 'varde', 'value'],
} as const;

/** Long form has one value a row; wide form has one column per year (`2019`, `2020`, ...). */
interface Columns {
  /** Null only when the user has said which indicator the file is. */
  indicator: number | null;
  geo: number;
  label: number | null;
  sex: number | null;
}

export type Layout = (Columns & { kind: 'long'; period: number; value: number }) | (Columns & { kind: 'wide'; years: { column: number; year: string }[] });

/** The file's columns; `indicatorGiven` when the user has said which indicator it is, so it needs no column naming one. */
export function layoutOf(headers: readonly string[], indicatorGiven = false): Layout {
  const names = headers.map((header) => header.trim().toLowerCase());
  const find = (aliases: readonly string[]) => {
    const index = names.findIndex((name) => aliases.includes(name));
    return index >= 0 ? index : null;
  };
  const indicator = find(HEADERS.indicator);
  const geo = find(HEADERS.geo);
  const label = find(HEADERS.label);
  const sex = find(HEADERS.sex);
  const period = find(HEADERS.period);
  const value = find(HEADERS.value);
  const years = names.flatMap((name, column) => (/^\d{4}$/.test(name) ? [{ column, year: name }] : []));
  if ((indicator === null && !indicatorGiven) || geo === null) {
    throw new AppError(
      'INVALID_ARGUMENT',
      `Not an indicator file: it needs an indicator column (${HEADERS.indicator.join(', ')}) and a geography column (${HEADERS.geo.join(', ')}); found ${headerList(headers)}.`,
    );
  }
  const columns: Columns = { indicator, geo, label, sex };
  if (period !== null && value !== null) return { ...columns, kind: 'long', period, value };
  if (years.length > 0) return { ...columns, kind: 'wide', years };
  throw new AppError(
    'INVALID_ARGUMENT',
    `Not an indicator file: it needs either a year and a value column (long form) or one column per year (wide form); found ${headerList(headers)}.`,
  );
}

/** The layout of a file's header and the decimal mark of its first rows. */
export function formatOf(
  headers: string[],
  rows: readonly TabularRow[],
  separator: string,
  indicatorGiven: boolean,
): { layout: Layout; decimal: DecimalMark } {
  const layout = layoutOf(headers, indicatorGiven);
  return { layout, decimal: decimalMarkOf(layout, rows, separator) };
}

/** The decimal mark of the value cells, judged on the first rows. */
function decimalMarkOf(layout: Layout, rows: readonly TabularRow[], separator: string): DecimalMark {
  const columns = layout.kind === 'long' ? [layout.value] : layout.years.map((year) => year.column);
  const samples = rows.slice(0, 200).flatMap((row) => columns.map((column) => row.cells[column] ?? ''));
  return detectDecimalMark(samples, separator);
}

/**
 * SCB's spreadsheets put a place's code and name in one cell, "0180 Stockholm": the code, and the
 * name to check it by. Any other cell is all code.
 */
function codeAndName(cell: string): [string, string | null] {
  const space = cell.indexOf(' ');
  if (space <= 0) return [cell, null];
  const code = cell.slice(0, space);
  const name = cell.slice(space + 1).trim();
  return /^\d+$/.test(code) && name !== '' ? [code, name] : [cell, null];
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
    indicator: layout.indicator === null ? null : (headers[layout.indicator] ?? null),
    geo: headers[layout.geo] ?? null,
    sex: layout.sex === null ? null : (headers[layout.sex] ?? null),
    period: layout.kind === 'long' ? (headers[layout.period] ?? null) : null,
    value: layout.kind === 'long' ? (headers[layout.value] ?? null) : null,
  };
  const yearFields = new Map(layout.kind === 'wide' ? layout.years.map(({ year }) => [year, { ...fields, period: year, value: year }]) : []);
  const value: RawValue = { row: 0, fields, indicator: '', geo: '', label: null, period: '', sex: '', value: undefined, raw: '' };
  for (const { row, cells } of rows) {
    value.row = row;
    value.indicator = layout.indicator === null ? '' : (cells[layout.indicator] ?? '').trim();
    const geo = cells[layout.geo] ?? '';
    if (layout.label !== null) {
      value.geo = geo;
      value.label = (cells[layout.label] ?? '').trim() || null;
    } else {
      [value.geo, value.label] = codeAndName(geo);
    }
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
