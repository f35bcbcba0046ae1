import type { Database, Statement } from 'better-sqlite3';
import { emptySummary, type ImportSummary } from '../../contract/domains/imports';
import type { IndicatorFormat, Sex } from '../../contract/domains/indicators';
import { addSeries, ValueChecker, type Catalogue, type CheckCounts } from './value-checker';

/** Rows per multi-row INSERT: binding 1,500 parameters at once costs far less than 500 separate runs. */
const BATCH = 500;
const COLUMNS = 3;
/** New series per multi-row INSERT (four columns each). */
const SERIES_BATCH = 250;
const SERIES_COLUMNS = 4;
/** Negative: KiB rather than pages, as SQLite reads it. */
const IMPORT_CACHE_KIB = -128 * 1024;

export interface WriterOptions {
  fileName: string;
  format: IndicatorFormat;
  dryRun: boolean;
  strict: boolean;
}

/** Values a parse worker checked: `count` of each array's first entries, and the series made for them. */
export interface CheckedValues {
  count: number;
  series: Float64Array;
  periods: Uint16Array;
  values: Float64Array;
  newSeries: [number, string, string, Sex][];
}

/**
 * Writes checked indicator values in batches, inside one transaction that is committed only when
 * the import is real and, under --strict, clean. Values are checked here (`put`) or by a parse
 * worker handed the catalogue (`writeChecked`, then `addCounts`).
 */
export class IndicatorValueWriter {
  private readonly batch: number[] = [];
  /** New series waiting to be written. */
  private readonly seriesBatch: (string | number)[] = [];
  private readonly fullInsert: Statement;
  private readonly fullSeriesInsert: Statement;
  private readonly importId: number;
  private readonly checker: ValueChecker;
  /** Checks one value from the file and writes it if it is good (see ValueChecker.put). */
  readonly put: ValueChecker['put'];
  readonly reject: ValueChecker['reject'];
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
    // Keys arrive in file order, or from the parse worker in key order two million at a time: a page
    // cache of 128 MB (bounded, and given back afterwards) keeps the b-tree's inner pages in memory
    // and more than doubles insert speed. With sorted windows 256 MB were no faster.
    db.pragma(`cache_size = ${IMPORT_CACHE_KIB}`);
    try {
      // Begun before the indicators and places are read, so nothing changes them under the import.
      db.exec('BEGIN IMMEDIATE');
      this.checker = new ValueChecker(readCatalogue(db), {
        value: (series, period, value) => this.push(series, period, value),
        series: (id, indicator, geo, sex) => this.pushSeries(id, indicator, geo, sex),
      });
      this.put = this.checker.put.bind(this.checker);
      this.reject = this.checker.reject.bind(this.checker);
      this.importId = Number(
        db
          .prepare('INSERT INTO indicator_imports (file_name, format, imported_at) VALUES (?, ?, ?)')
          .run(options.fileName, options.format, new Date().toISOString()).lastInsertRowid,
      );
      this.fullInsert = db.prepare(insertSql(BATCH, this.importId));
      this.fullSeriesInsert = db.prepare(seriesInsertSql(SERIES_BATCH));
    } catch (error) {
      if (db.inTransaction) db.exec('ROLLBACK');
      this.restorePragmas();
      throw error;
    }
  }

  /** What a parse worker checks values against: the catalogue as this import's transaction read it. */
  get catalogue(): Catalogue {
    return this.checker.catalogue;
  }

  /** Writes values a parse worker checked against this import's catalogue. */
  writeChecked(checked: CheckedValues): void {
    for (const [id, indicator, geo, sex] of checked.newSeries) this.pushSeries(id, indicator, geo, sex);
    for (let i = 0; i < checked.count; i++) this.push(checked.series[i]!, checked.periods[i]!, checked.values[i]!);
  }

  /** Adds the counts and rejects of values checked apart from this writer (by a parse worker). */
  addCounts(counts: CheckCounts): void {
    const own = this.checker.counts;
    own.rows += counts.rows;
    own.accepted += counts.accepted;
    own.rejected += counts.rejected;
    own.rejects.push(...counts.rejects);
  }

  private push(series: number, period: number, value: number): void {
    this.batch.push(series, period, value);
    if (this.batch.length === BATCH * COLUMNS) this.flush();
  }

  private pushSeries(id: number, indicator: string, geo: string, sex: Sex): void {
    this.seriesBatch.push(id, indicator, geo, sex);
    if (this.seriesBatch.length === SERIES_BATCH * SERIES_COLUMNS) this.flushSeries();
  }

  private flushSeries(): void {
    if (this.seriesBatch.length === SERIES_BATCH * SERIES_COLUMNS) this.fullSeriesInsert.run(this.seriesBatch);
    else if (this.seriesBatch.length > 0) this.db.prepare(seriesInsertSql(this.seriesBatch.length / SERIES_COLUMNS)).run(this.seriesBatch);
    this.seriesBatch.length = 0;
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
    const summary: ImportSummary = { ...emptySummary(this.options.dryRun), ...this.checker.counts };
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

function readCatalogue(db: Database): Catalogue {
  const catalogue: Catalogue = {
    indicators: new Map(),
    places: new Map(),
    series: new Map(),
    lastSeriesId: db.prepare('SELECT coalesce(max(id), 0) FROM indicator_series').pluck().get() as number,
  };
  for (const row of db.prepare('SELECT code, sexes, levels FROM indicators').all() as { code: string; sexes: string; levels: string }[]) {
    catalogue.indicators.set(row.code, { byTotalOnly: row.sexes === 'T', levels: new Set(row.levels.split(',')) });
  }
  for (const row of db.prepare('SELECT code, level FROM places').all() as { code: string; level: string }[]) {
    catalogue.places.set(row.code, row.level);
  }
  const stored = db.prepare('SELECT id, indicator_code, geo_code, sex FROM indicator_series').raw().iterate() as Iterable<[number, string, string, Sex]>;
  for (const [id, indicator, geo, sex] of stored) addSeries(catalogue.series, id, indicator, geo, sex);
  return catalogue;
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
