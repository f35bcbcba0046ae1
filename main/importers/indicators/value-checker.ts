import type { DefinedIndicator, ImportSummary, UnknownIndicator } from '../../contract/domains/imports';
import type { Sex } from '../../contract/domains/indicators';
import { isIndicatorValue } from '../../contract/field-rules';
import type { ParamsOf, RejectCode } from '../../contract/reject-reasons';
import { foldName, foldPlaceName } from '../../domain/recognise-labels';
import { addReject, rejectedRow } from '../../domain/reject-reasons';

const FIRST_YEAR = 1900;
const SEX_INDEX = { T: 0, K: 1, M: 2 } as const;
const YEARS = 201;
/** Distinct unknown indicators kept for the summary: a file naming more is not one the user can map by hand. */
const MAX_UNKNOWN_INDICATORS = 100;
/** Places whose label disagreed, named when the file is refused. */
const MAX_EXAMPLES = 5;
/** What an indicator can be defined by: a code as the definitions import takes it, never a name in words. */
const DEFINABLE_CODE = /^[A-Za-z0-9_]{1,40}$/;
/** A defined indicator takes values at any level; it is kept at the levels its values were at. */
const ALL_LEVELS = new Set(['country', 'county', 'municipality', 'regso', 'deso']);

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
  /** Indicator codes by their Swedish and English names, folded (foldName). */
  indicatorNames: Map<string, string>;
  /** Level by place code. */
  places: Map<string, string>;
  /** Place names by code, to check a file's labels against. */
  placeNames: Map<string, string>;
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

/** A place whose label in the file is not the store's name for its code. */
export interface PlaceDisagreement {
  code: string;
  label: string;
}

/** How a file's place labels compared with the store's names, by distinct place. */
export interface PlaceLabelCheck {
  checked: number;
  disagreeing: number;
  examples: PlaceDisagreement[];
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
  /** The place's name as the file gives it beside its code (a JSON-stat label, a name column); null when it gives none. */
  label: string | null;
  period: string | number;
  sex: string;
  value: number | null | undefined;
  raw: string;
}

/** What a reader hands its values to: a checker (on this thread, or in the parse worker). */
export type ValueTarget = Pick<ValueChecker, 'put' | 'reject' | 'offer'>;

/**
 * A summary's counts, listed rejects and unknown indicators, as checking a file makes them (the
 * writer adds what SQLite did), and how its place labels compared, which decides whether the file
 * is refused whole.
 */
export type CheckCounts = Pick<ImportSummary, 'rows' | 'accepted' | 'rejected' | 'rejects'> & {
  unknownIndicators: UnknownIndicator[];
  places: PlaceLabelCheck;
  defined: NewIndicator[];
};

/** What the user has said about the file's values, beyond what the file says. */
export interface GivenIndicator {
  /** Every value is of this indicator, whatever the file names (`--indicator`). */
  indicator?: string | undefined;
  /** Define the indicators the file names by code and the store lacks (`--define-indicators`). */
  define?: boolean | undefined;
}

/** What a file says of an indicator it names (JSON-stat's category label and unit). */
export interface OfferedDefinition {
  name: string | null;
  unit: string;
  source: string | null;
}

/** An indicator the import defines, with the sexes and levels its values came at. */
export interface NewIndicator extends DefinedIndicator {
  source: string | null;
  sexes: 'T' | 'TKM';
  levels: string[];
}

interface Defining {
  offered: OfferedDefinition;
  sexes: Set<Sex>;
  levels: Set<string>;
}

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
  private readonly tally: Pick<ImportSummary, 'rows' | 'accepted' | 'rejected' | 'rejects'> = { rows: 0, accepted: 0, rejected: 0, rejects: [] };
  /** Values by each indicator text that matched nothing. */
  private readonly unknown = new Map<string, number>();
  /** The last indicator text looked up, and its code: a file names one indicator on row after row. */
  private lastName = '';
  private lastNamed: string | undefined;
  /** Whether each labelled place's label agreed, by code. */
  private readonly labelAgrees = new Map<string, boolean>();
  private readonly places: PlaceLabelCheck = { checked: 0, disagreeing: 0, examples: [] };
  private readonly offers = new Map<string, OfferedDefinition>();
  private readonly defining = new Map<string, Defining>();

  constructor(
    readonly catalogue: Catalogue,
    private readonly sink: CheckedSink,
    private readonly given: GivenIndicator = {},
  ) {}

  get counts(): CheckCounts {
    const unknownIndicators = [...this.unknown]
      .sort((a, b) => b[1] - a[1])
      .map(([text, values]) => ({ text, values, definable: DEFINABLE_CODE.test(text), name: this.offers.get(text)?.name ?? null }));
    const defined = [...this.defining].map(([code, { offered, sexes, levels }]) => ({
      code,
      name: offered.name,
      unit: offered.unit,
      source: offered.source,
      sexes: sexes.has('K') || sexes.has('M') ? ('TKM' as const) : ('T' as const),
      levels: levels.size > 0 ? [...levels] : ['country', 'county', 'municipality'],
    }));
    return { ...this.tally, unknownIndicators, places: this.places, defined };
  }

  /** What the file says of an indicator it names, should the import define it. */
  offer(code: string, definition: OfferedDefinition): void {
    this.offers.set(code, definition);
  }

  reject<C extends RejectCode>(row: number, field: string | null, code: C, ...params: ParamsOf<C>): void {
    this.tally.rows++;
    addReject(this.tally, rejectedRow(row, field, code, ...params));
  }

  /** Checks one value from the file and hands it on if it is good. */
  put({ row, fields, indicator: named, geo: rawGeo, label, period: rawPeriod, sex: rawSex, value, raw: rawValue }: RawValue): void {
    const geo = normaliseGeoCode(rawGeo);
    const level = this.catalogue.places.get(geo);
    if (!level) return this.reject(row, fields.geo, 'geographyUnknown', { code: rawGeo });
    // Before the indicator, so a file about other places is found out whatever indicators it names.
    if (label !== null && !this.agrees(geo, label)) {
      return this.reject(row, fields.geo, 'placeNameDisagrees', { code: geo, label, name: this.catalogue.placeNames.get(geo) ?? '' });
    }
    let indicatorCode = this.given.indicator ?? this.codeOf(named);
    let indicator = indicatorCode === undefined ? undefined : this.catalogue.indicators.get(indicatorCode);
    if (!indicator && this.given.define) {
      indicatorCode ??= named;
      if (DEFINABLE_CODE.test(indicatorCode)) indicator = this.define(indicatorCode, named);
    }
    if (!indicator || indicatorCode === undefined) {
      this.noteUnknown(named);
      return this.reject(row, fields.indicator, 'indicatorUnknown', { code: named });
    }
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
    this.tally.rows++;
    // A missing value counts as a row but is neither accepted nor stored: it adds no zero and erases no earlier figure.
    if (value === null) return;
    this.tally.accepted++;
    this.sink.value(series, period, value);
    if (this.defining.size > 0) {
      const defining = this.defining.get(indicatorCode);
      defining?.sexes.add(sex);
      defining?.levels.add(level);
    }
  }

  /**
   * Takes an indicator the store lacks into the catalogue for the rest of the file, from what the
   * file offered of it; a given code with the file's words beside it (a spreadsheet) is named by them.
   */
  private define(code: string, named: string): IndicatorDefinition {
    const words = named.trim() !== '' && named !== code ? named.trim() : null;
    const offered = this.offers.get(code) ?? { name: words, unit: '', source: null };
    const definition: IndicatorDefinition = { byTotalOnly: false, levels: ALL_LEVELS };
    this.catalogue.indicators.set(code, definition);
    this.defining.set(code, { offered, sexes: new Set(), levels: new Set() });
    // The last text looked up may be this code, found wanting before it was defined.
    this.lastName = '';
    return definition;
  }

  /** The code a file's indicator text stands for: the code itself, or an indicator's name in either language. */
  private codeOf(text: string): string | undefined {
    if (text !== this.lastName) {
      this.lastName = text;
      this.lastNamed = this.catalogue.indicators.has(text) ? text : this.catalogue.indicatorNames.get(foldName(text));
    }
    return this.lastNamed;
  }

  private noteUnknown(text: string): void {
    const values = this.unknown.get(text);
    if (values !== undefined) this.unknown.set(text, values + 1);
    else if (this.unknown.size < MAX_UNKNOWN_INDICATORS) this.unknown.set(text, 1);
  }

  /** Whether a file's label for a place is the store's name for its code, allowing for how files spell it. */
  private agrees(geo: string, label: string): boolean {
    const known = this.labelAgrees.get(geo);
    if (known !== undefined) return known;
    const agrees = foldPlaceName(label) === foldPlaceName(this.catalogue.placeNames.get(geo) ?? '');
    this.labelAgrees.set(geo, agrees);
    this.places.checked++;
    if (!agrees) {
      this.places.disagreeing++;
      if (this.places.examples.length < MAX_EXAMPLES) this.places.examples.push({ code: geo, label });
    }
    return agrees;
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
