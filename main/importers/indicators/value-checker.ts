import type { ImportSummary } from '../../contract/domains/imports';
import type { Sex } from '../../contract/domains/indicators';
import { isIndicatorValue } from '../../contract/field-rules';
import type { ParamsOf, RejectCode } from '../../contract/reject-reasons';
import { addReject, rejectedRow } from '../../domain/reject-reasons';

const FIRST_YEAR = 1900;
const SEX_INDEX = { T: 0, K: 1, M: 2 } as const;
const YEARS = 201;

interface IndicatorDefinition {
  byTotalOnly: boolean;
  levels: Set<string>;
}

/** Series ids by indicator, then place, then sex (T, K, M): nested so no key string is built per value. */
export type SeriesIds = Map<string, Map<string, [number, number, number]>>;

/**
 * What values are checked against: the store's indicators, places and series as the import's
 * transaction found them. Plain maps, so a parse worker can be handed a copy.
 */
export interface Catalogue {
  indicators: Map<string, IndicatorDefinition>;
  /** Level by place code. */
  places: Map<string, string>;
  series: SeriesIds;
  /** The highest series id in the store: new series are numbered after it. */
  lastSeriesId: number;
}

/** Where checked values and the series made for them go: SQL batches, or a parse worker's messages. */
export interface CheckedSink {
  value(series: number, period: number, value: number): void;
  series(id: number, indicator: string, geo: string, sex: Sex): void;
}

/** The fields of the file a value came from, for naming them in rejects. */
export interface ValueFields {
  indicator: string | null;
  geo: string | null;
  period: string | null;
  sex: string | null;
  value: string | null;
}

/**
 * One value as a reader found it, before any check. `value` is null when the source marks it missing
 * (never stored as 0) and undefined when the cell is not a number, `raw` its text for the reject.
 * The checker keeps nothing of it, so a reader may fill in one object again for every value.
 */
export interface RawValue {
  row: number;
  fields: ValueFields;
  indicator: string;
  geo: string;
  period: string | number;
  sex: string;
  value: number | null | undefined;
  raw: string;
}

/** What a reader hands its values to: a checker (on this thread, or in the parse worker). */
export type ValueTarget = Pick<ValueChecker, 'put' | 'reject'>;

/** A summary's counts and listed rejects, as checking a file makes them (the writer adds what SQLite did). */
export type CheckCounts = Pick<ImportSummary, 'rows' | 'accepted' | 'rejected' | 'rejects'>;

const SEX_NAMES: Record<string, Sex> = {
  t: 'T', k: 'K', m: 'M', totalt: 'T', total: 'T', kvinnor: 'K', män: 'M', women: 'K', men: 'M',
  // Statistics Sweden's codes for the Kon variable.
  '1': 'M', '2': 'K', '1+2': 'T',
};

export function parseSex(raw: string): Sex | undefined {
  // Most files write the codes themselves: those need no trimming or lower-casing.
  if (raw === 'T' || raw === 'K' || raw === 'M') return raw;
  return SEX_NAMES[raw.trim().toLowerCase()];
}

/**
 * Excel drops the leading zero of `0180`; a three-digit number can only be a municipality and a
 * one-digit one a county, so they get it back.
 */
export function normaliseGeoCode(raw: string): string {
  // The usual two- or four-digit code with no spaces around it is already normal (a file has millions).
  if ((raw.length === 4 || raw.length === 2) && raw.charCodeAt(0) > 32 && raw.charCodeAt(raw.length - 1) > 32) return raw;
  const code = raw.trim();
  if (/^\d{3}$/.test(code)) return `0${code}`;
  if (/^\d$/.test(code)) return `0${code}`;
  return code;
}

function parsePeriod(raw: string | number): number | undefined {
  const digits = typeof raw === 'string' && raw.length === 4 ? fourDigits(raw) : undefined;
  if (digits !== undefined) return digits >= 1900 && digits <= 2100 ? digits : undefined;
  const text = String(raw).trim();
  if (!/^\d{4}$/.test(text)) return undefined;
  const year = Number(text);
  return year >= 1900 && year <= 2100 ? year : undefined;
}

/** The year a four-character string of digits spells, read without a regular expression; else undefined. */
function fourDigits(text: string): number | undefined {
  let year = 0;
  for (let i = 0; i < 4; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return undefined;
    year = year * 10 + digit;
  }
  return year;
}

function seriesIds(series: SeriesIds, indicator: string, geo: string): [number, number, number] {
  let byPlace = series.get(indicator);
  if (!byPlace) {
    byPlace = new Map();
    series.set(indicator, byPlace);
  }
  let ids = byPlace.get(geo);
  if (!ids) {
    ids = [0, 0, 0];
    byPlace.set(geo, ids);
  }
  return ids;
}

/** Records a stored series in a catalogue. */
export function addSeries(series: SeriesIds, id: number, indicator: string, geo: string, sex: Sex): void {
  seriesIds(series, indicator, geo)[SEX_INDEX[sex]] = id;
}

/**
 * Validates indicator values one at a time and hands the good ones to its sink, numbering the
 * series it has to make. Duplicates within the file are found with one bit per series (indicator,
 * place, sex) and year, so memory grows with the number of series, not with the file.
 */
export class ValueChecker {
  private lastIndicator = '';
  private lastGeo = '';
  private lastIds: [number, number, number] = [0, 0, 0];
  /** One bit per series and year already in this file. */
  private seen = new Uint8Array(1024);
  readonly counts: CheckCounts = { rows: 0, accepted: 0, rejected: 0, rejects: [] };

  constructor(
    readonly catalogue: Catalogue,
    private readonly sink: CheckedSink,
  ) {}

  reject<C extends RejectCode>(row: number, field: string | null, code: C, ...params: ParamsOf<C>): void {
    this.counts.rows++;
    addReject(this.counts, rejectedRow(row, field, code, ...params));
  }

  /** Checks one value from the file and hands it on if it is good. */
  put({ row, fields, indicator: indicatorCode, geo: rawGeo, period: rawPeriod, sex: rawSex, value, raw: rawValue }: RawValue): void {
    const indicator = this.catalogue.indicators.get(indicatorCode);
    if (!indicator) return this.reject(row, fields.indicator, 'indicatorUnknown', { code: indicatorCode });
    const geo = normaliseGeoCode(rawGeo);
    const level = this.catalogue.places.get(geo);
    if (!level) return this.reject(row, fields.geo, 'geographyUnknown', { code: rawGeo });
    if (!indicator.levels.has(level)) {
      return this.reject(row, fields.geo, 'levelNotPublished', { indicator: indicatorCode, level });
    }
    const period = parsePeriod(rawPeriod);
    if (period === undefined) return this.reject(row, fields.period, 'notAYear', { text: rawPeriod });
    const sex = parseSex(rawSex);
    if (!sex) return this.reject(row, fields.sex, 'notASex', { text: rawSex });
    if (sex !== 'T' && indicator.byTotalOnly) return this.reject(row, fields.sex, 'noSexBreakdown', { indicator: indicatorCode });
    if (value === undefined) return this.reject(row, fields.value, 'notANumber', { text: rawValue });
    if (value !== null && !isIndicatorValue(value)) return this.reject(row, fields.value, 'numberTooLarge', { text: rawValue || String(value) });
    const series = this.seriesOf(indicatorCode, geo, sex);
    if (this.alreadySeen(series, period)) {
      return this.reject(row, null, 'duplicateValue', { indicator: indicatorCode, geo, year: period, sex });
    }
    this.counts.rows++;
    // A missing value counts as a row but is neither accepted nor stored: it adds no zero and erases no earlier figure.
    if (value === null) return;
    this.counts.accepted++;
    this.sink.value(series, period, value);
  }

  private seriesOf(indicator: string, geo: string, sex: Sex): number {
    // A place's values for one indicator mostly come together (its sexes, or its years): the last
    // pair's ids are kept at hand, which spares two map lookups for most values.
    if (indicator !== this.lastIndicator || geo !== this.lastGeo) {
      this.lastIds = seriesIds(this.catalogue.series, indicator, geo);
      this.lastIndicator = indicator;
      this.lastGeo = geo;
    }
    const ids = this.lastIds;
    const index = SEX_INDEX[sex];
    // Row ids start at 1, so 0 is "not created yet".
    if (ids[index] === 0) {
      // Numbered here rather than by SQLite (the import holds the write lock), so the series can be
      // written in batches and a parse worker can number them too.
      ids[index] = ++this.catalogue.lastSeriesId;
      this.sink.series(ids[index], indicator, geo, sex);
    }
    return ids[index];
  }

  private alreadySeen(series: number, period: number): boolean {
    const bit = series * YEARS + period - FIRST_YEAR;
    const byte = bit >> 3;
    if (byte >= this.seen.length) {
      const grown = new Uint8Array(Math.max(byte + 1, this.seen.length * 2));
      grown.set(this.seen);
      this.seen = grown;
    }
    const mask = 1 << (bit & 7);
    if (this.seen[byte]! & mask) return true;
    this.seen[byte]! |= mask;
    return false;
  }
}
