import type { Database, Statement } from 'better-sqlite3';
import { emptySummary, type ImportSummary } from '../../contract/domains/imports';
import { rejectedRow, type ParamsOf, type RejectCode } from '../reject-reasons';

export type IndicatorFormat = 'csv' | 'xlsx' | 'kolada' | 'jsonstat';
export type Sex = 'T' | 'K' | 'M';

/** Rows per multi-row INSERT: binding 1,500 parameters at once costs far less than 500 separate runs. */
const BATCH = 500;
const COLUMNS = 3;
/** New series per multi-row INSERT (four columns each). */
const SERIES_BATCH = 250;
const SERIES_COLUMNS = 4;
const FIRST_YEAR = 1900;
const SEX_INDEX = { T: 0, K: 1, M: 2 } as const;
const YEARS = 201;
/** Negative: KiB rather than pages, as SQLite reads it. */
const IMPORT_CACHE_KIB = -256 * 1024;
/** Rejects beyond this are counted but not listed, so a file that is wrong throughout stays in bounded memory. */
const MAX_LISTED_REJECTS = 10_000;

interface IndicatorDefinition {
  byTotalOnly: boolean;
  levels: Set<string>;
}

export interface WriterOptions {
  fileName: string;
  format: IndicatorFormat;
  dryRun: boolean;
  strict: boolean;
}

/** The fields of the file a value came from, for naming them in rejects. */
export interface ValueFields {
  indicator: string | null;
  geo: string | null;
  period: string | null;
  sex: string | null;
  value: string | null;
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

/**
 * Validates indicator values one at a time and writes the good ones in batches, inside one
 * transaction that is committed only when the import is real and, under --strict, clean.
 * Duplicates within the file are found with one bit per series (indicator, place, sex) and year,
 * so memory grows with the number of series, not with the file.
 */
export class IndicatorValueWriter {
  private readonly indicators = new Map<string, IndicatorDefinition>();
  private readonly places = new Map<string, string>();
  /** Series ids by indicator, then place, then sex (T, K, M): nested so no key string is built per value. */
  private readonly series = new Map<string, Map<string, [number, number, number]>>();
  private lastIndicator = '';
  private lastGeo = '';
  private lastIds: [number, number, number] = [0, 0, 0];
  /** One bit per series and year already in this file. */
  private seen = new Uint8Array(1024);
  private readonly batch: number[] = [];
  /** New series waiting to be written, with the ids given them here (the import holds the write lock). */
  private readonly seriesBatch: (string | number)[] = [];
  private lastSeriesId: number;
  private readonly fullInsert: Statement;
  private readonly fullSeriesInsert: Statement;
  private readonly importId: number;
  private readonly summary: ImportSummary;
  private readonly cacheSize: number;
  private readonly foreignKeys: number;
  private changes = 0;
  private open = true;

  constructor(
    private readonly db: Database,
    private readonly options: WriterOptions,
  ) {
    // Every key this import writes is one it has just read or made inside its own transaction (the
    // series' ids, its import's id), so SQLite's foreign key checks, which are almost half the cost
    // of an insert, would only repeat that. The pragma is refused inside a transaction: it is set
    // before the transaction starts and given back after it ends.
    this.foreignKeys = db.pragma('foreign_keys', { simple: true }) as number;
    this.cacheSize = db.pragma('cache_size', { simple: true }) as number;
    db.pragma('foreign_keys = OFF');
    // Keys arrive in file order, not key order: a page cache of 256 MB (bounded, and given back
    // afterwards) keeps the b-tree's inner pages in memory and more than doubles insert speed.
    db.pragma(`cache_size = ${IMPORT_CACHE_KIB}`);
    try {
      // Begun before the indicators and places are read, so nothing changes them under the import.
      db.exec('BEGIN IMMEDIATE');
      for (const row of db.prepare('SELECT code, sexes, levels FROM indicators').all() as { code: string; sexes: string; levels: string }[]) {
        this.indicators.set(row.code, { byTotalOnly: row.sexes === 'T', levels: new Set(row.levels.split(',')) });
      }
      for (const row of db.prepare('SELECT code, level FROM places').all() as { code: string; level: string }[]) {
        this.places.set(row.code, row.level);
      }
      this.importId = Number(
        db
          .prepare('INSERT INTO indicator_imports (file_name, format, imported_at) VALUES (?, ?, ?)')
          .run(options.fileName, options.format, new Date().toISOString()).lastInsertRowid,
      );
      this.fullInsert = db.prepare(insertSql(BATCH, this.importId));
      this.fullSeriesInsert = db.prepare(seriesInsertSql(SERIES_BATCH));
      this.lastSeriesId = db.prepare('SELECT coalesce(max(id), 0) FROM indicator_series').pluck().get() as number;
      for (const [id, indicator, geo, sex] of db.prepare('SELECT id, indicator_code, geo_code, sex FROM indicator_series').raw().iterate() as Iterable<
        [number, string, string, Sex]
      >) {
        this.seriesIds(indicator, geo)[SEX_INDEX[sex]] = id;
      }
    } catch (error) {
      if (db.inTransaction) db.exec('ROLLBACK');
      this.restorePragmas();
      throw error;
    }
    this.summary = emptySummary(options.dryRun);
  }

  reject<C extends RejectCode>(row: number, field: string | null, code: C, ...params: ParamsOf<C>): void {
    this.summary.rows++;
    this.summary.rejected++;
    if (this.summary.rejects.length < MAX_LISTED_REJECTS) this.summary.rejects.push(rejectedRow(row, field, code, ...params));
  }

  /**
   * One value from the file. `value` is null when the source marks it missing (never stored as 0)
   * and undefined when the cell is not a number.
   */
  put(
    row: number,
    fields: ValueFields,
    indicatorCode: string,
    rawGeo: string,
    rawPeriod: string | number,
    rawSex: string,
    value: number | null | undefined,
    rawValue: string,
  ): void {
    const indicator = this.indicators.get(indicatorCode);
    if (!indicator) return this.reject(row, fields.indicator, 'indicatorUnknown', { code: indicatorCode });
    const geo = normaliseGeoCode(rawGeo);
    const level = this.places.get(geo);
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
    const series = this.seriesOf(indicatorCode, geo, sex);
    if (this.alreadySeen(series, period)) {
      return this.reject(row, null, 'duplicateValue', { indicator: indicatorCode, geo, year: period, sex });
    }
    this.summary.rows++;
    // A missing value counts as a row but is neither accepted nor stored: it adds no zero and erases no earlier figure.
    if (value === null) return;
    this.summary.accepted++;
    this.batch.push(series, period, value);
    if (this.batch.length === BATCH * COLUMNS) this.flush();
  }

  private seriesIds(indicator: string, geo: string): [number, number, number] {
    let byPlace = this.series.get(indicator);
    if (!byPlace) {
      byPlace = new Map();
      this.series.set(indicator, byPlace);
    }
    let ids = byPlace.get(geo);
    if (!ids) {
      ids = [0, 0, 0];
      byPlace.set(geo, ids);
    }
    return ids;
  }

  private seriesOf(indicator: string, geo: string, sex: Sex): number {
    // A place's values for one indicator mostly come together (its sexes, or its years): the last
    // pair's ids are kept at hand, which spares two map lookups for most values.
    if (indicator !== this.lastIndicator || geo !== this.lastGeo) {
      this.lastIds = this.seriesIds(indicator, geo);
      this.lastIndicator = indicator;
      this.lastGeo = geo;
    }
    const ids = this.lastIds;
    const index = SEX_INDEX[sex];
    // Row ids start at 1, so 0 is "not created yet".
    if (ids[index] === 0) {
      // One INSERT per new series cost 10 µs each, a second for a file of a hundred thousand series.
      ids[index] = ++this.lastSeriesId;
      this.seriesBatch.push(ids[index], indicator, geo, sex);
      if (this.seriesBatch.length === SERIES_BATCH * SERIES_COLUMNS) this.flushSeries();
    }
    return ids[index];
  }

  private flushSeries(): void {
    if (this.seriesBatch.length === SERIES_BATCH * SERIES_COLUMNS) this.fullSeriesInsert.run(this.seriesBatch);
    else if (this.seriesBatch.length > 0) this.db.prepare(seriesInsertSql(this.seriesBatch.length / SERIES_COLUMNS)).run(this.seriesBatch);
    this.seriesBatch.length = 0;
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

  private flush(): void {
    if (this.batch.length === BATCH * COLUMNS) {
      this.changes += this.fullInsert.run(this.batch).changes;
    } else if (this.batch.length > 0) {
      this.changes += this.db.prepare(insertSql(this.batch.length / COLUMNS, this.importId)).run(this.batch).changes;
    }
    this.batch.length = 0;
  }

  /** Writes what is left, then commits, or rolls back for a dry run or a strict import with rejects. */
  finish(): ImportSummary {
    // Foreign keys are off for the import, so a value may be written before its series is.
    this.flushSeries();
    this.flush();
    const summary = this.summary;
    summary.updated = this.db
      .prepare('SELECT count(*) FROM indicator_value_history WHERE replaced_by = ?')
      .pluck()
      .get(this.importId) as number;
    summary.inserted = this.changes - summary.updated;
    summary.unchanged = summary.accepted - this.changes;
    summary.abandoned = this.options.strict && summary.rejected > 0;
    if (this.options.dryRun || summary.abandoned) {
      this.abort();
      return summary;
    }
    this.db
      .prepare('UPDATE indicator_imports SET rows = ?, inserted = ?, updated = ?, unchanged = ?, rejected = ? WHERE id = ?')
      .run(summary.rows, summary.inserted, summary.updated, summary.unchanged, summary.rejected, this.importId);
    this.db.exec('COMMIT');
    this.close();
    return summary;
  }

  /** Leaves the store exactly as it was before the import began. */
  abort(): void {
    if (!this.open) return;
    this.db.exec('ROLLBACK');
    this.close();
  }

  private close(): void {
    this.open = false;
    this.restorePragmas();
  }

  private restorePragmas(): void {
    this.db.pragma(`cache_size = ${this.cacheSize}`);
    this.db.pragma(`foreign_keys = ${this.foreignKeys}`);
  }
}

function insertSql(rows: number, importId: number): string {
  // The import's id is the same for every row, so it is written into the statement, not bound.
  const tuple = `(?, ?, ?, ${importId})`;
  // An unchanged value is left alone, provenance included; a changed one is replaced and the
  // history trigger keeps the old figure.
  return `INSERT INTO indicator_points (series_id, period, value, import_id)
    VALUES ${Array.from({ length: rows }, () => tuple).join(', ')}
    ON CONFLICT (series_id, period)
    DO UPDATE SET value = excluded.value, import_id = excluded.import_id WHERE value IS NOT excluded.value`;
}

function seriesInsertSql(rows: number): string {
  return `INSERT INTO indicator_series (id, indicator_code, geo_code, sex) VALUES ${Array.from({ length: rows }, () => '(?, ?, ?, ?)').join(', ')}`;
}
