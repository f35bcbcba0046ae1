import type { Database, Statement } from 'better-sqlite3';
import { emptySummary, type ImportSummary } from '../../contract/domains/imports';
import type { IndicatorFormat, Sex } from '../../contract/domains/indicators';
import { foldName } from '../../domain/recognise-labels';
import type { BulkPragmas, ImportTransaction } from '../import-transaction';
import type { CheckedValues } from './parse-worker-messages';
import { addSeries, type Catalogue, type CheckCounts, type CheckedSink, type NewIndicator } from './value-checker';

/** Rows per multi-row INSERT: binding 1,500 parameters at once costs far less than 500 separate runs. */
const BATCH = 500;
const COLUMNS = 3;
/** New series per multi-row INSERT (four columns each). */
const SERIES_BATCH = 250;
const SERIES_COLUMNS = 4;
/** Negative: KiB rather than pages, as SQLite reads it. */
const IMPORT_CACHE_KIB = -128 * 1024;

/** Where the values came from, as the import's row records it. */
export interface ValueSource {
  fileName: string;
  format: IndicatorFormat;
}

/**
 * Every key this import writes is one it has just read or made inside its own transaction (the
 * series' ids, its import's id), so SQLite's foreign key checks, which are almost half the cost of
 * an insert, would only repeat that. Keys arrive in file order, or from the parse worker in key
 * order two million at a time: a page cache of 128 MB (bounded, and given back afterwards) keeps the
 * b-tree's inner pages in memory and more than doubles insert speed. With sorted windows 256 MB
 * were no faster.
 */
export const VALUE_IMPORT_PRAGMAS: BulkPragmas = { foreign_keys: 0, cache_size: IMPORT_CACHE_KIB };

/**
 * Writes checked indicator values in batches, inside the import's transaction (see runImport, with
 * VALUE_IMPORT_PRAGMAS), begun before it is made so that nothing changes the catalogue under the
 * import. Values come from a checker on this thread (as its sink) or from a parse worker
 * (`writeChecked`).
 */
export class IndicatorValueWriter implements CheckedSink {
  private readonly batch: number[] = [];
  /** New series waiting to be written. */
  private readonly seriesBatch: (string | number)[] = [];
  private readonly fullInsert: Statement;
  private readonly fullSeriesInsert: Statement;
  /** What values are checked against, here or in a parse worker. */
  readonly catalogue: Catalogue;
  private readonly importId: number;
  private readonly startedAt = new Date().toISOString();
  private changes = 0;

  constructor(private readonly db: Database) {
    this.catalogue = readCatalogue(db);
    // Numbered here, as the series are, rather than by SQLite: the import's row is written when the
    // file is read and its format known (a JSON file shows its kind only then), and the import holds
    // the write lock meanwhile. Foreign keys are off, so its values may come first.
    this.importId = db.prepare('SELECT coalesce(max(id), 0) + 1 FROM indicator_imports').pluck().get() as number;
    this.fullInsert = db.prepare(insertSql(BATCH, this.importId));
    this.fullSeriesInsert = db.prepare(seriesInsertSql(SERIES_BATCH));
  }

  /** Writes values a parse worker checked against this import's catalogue. */
  writeChecked(checked: CheckedValues): void {
    for (const [id, indicator, geo, sex] of checked.newSeries) this.series(id, indicator, geo, sex);
    for (let i = 0; i < checked.count; i++) this.value(checked.series[i]!, checked.periods[i]!, checked.values[i]!);
  }

  value(series: number, period: number, value: number): void {
    this.batch.push(series, period, value);
    if (this.batch.length === BATCH * COLUMNS) this.flush();
  }

  series(id: number, indicator: string, geo: string, sex: Sex): void {
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

  /**
   * Defines the indicators the file named and the store lacked. Which direction is better no file
   * says: higher, until a definitions file says otherwise. A name the file did not give is the
   * code, marked missing.
   */
  private define(indicators: NewIndicator[], { fileName, format }: ValueSource): void {
    const insert = this.db.prepare(
      `INSERT INTO indicators (code, name_sv, name_en, unit, source, higher_is_better, sexes, levels, name_missing)
       VALUES (@code, @name, @name, @unit, @source, 1, @sexes, @levels, @nameMissing)`,
    );
    for (const { code, name, unit, source, sexes, levels } of indicators) {
      insert.run({ code, name: name ?? code, unit, source: source ?? SOURCE_OF_FORMAT[format] ?? fileName, sexes, levels: levels.join(','), nameMissing: name === null ? 1 : 0 });
    }
  }

  /**
   * Writes what is left and sums up the import from the checker's counts and what SQLite did; the
   * import's row is written only if the transaction is to be kept.
   */
  finish(source: ValueSource, counts: CheckCounts, transaction: ImportTransaction): ImportSummary {
    // Foreign keys are off for the import, so a value may be written before its series is.
    this.flushSeries();
    this.flush();
    // runImport records whether this was a dry run.
    const { places: _places, unknownIndicators, defined, ...tally } = counts;
    const summary: ImportSummary = { ...emptySummary(false), ...tally };
    if (unknownIndicators.length > 0) summary.unknownIndicators = unknownIndicators;
    if (defined.length > 0) {
      this.define(defined, source);
      summary.definedIndicators = defined.map(({ code, name, unit }) => ({ code, name, unit }));
    }
    summary.updated = this.db
      .prepare('SELECT count(*) FROM indicator_value_history WHERE replaced_by = ?')
      .pluck()
      .get(this.importId) as number;
    summary.inserted = this.changes - summary.updated;
    summary.unchanged = summary.accepted - this.changes;
    transaction.beforeCommit(() =>
      this.db
        .prepare(
          `INSERT INTO indicator_imports (id, file_name, format, imported_at, rows, inserted, updated, unchanged, rejected)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(this.importId, source.fileName, source.format, this.startedAt, summary.rows, summary.inserted, summary.updated, summary.unchanged, summary.rejected),
    );
    return summary;
  }
}

/** Where a defined indicator's figures come from, when the file does not say. */
const SOURCE_OF_FORMAT: Record<IndicatorFormat, string | null> = { kolada: 'Kolada', jsonstat: 'JSON-stat', csv: null, xlsx: null };

function readCatalogue(db: Database): Catalogue {
  const catalogue: Catalogue = {
    indicators: new Map(),
    indicatorNames: new Map(),
    places: new Map(),
    placeNames: new Map(),
    series: new Map(),
    lastSeriesId: db.prepare('SELECT coalesce(max(id), 0) FROM indicator_series').pluck().get() as number,
  };
  const indicators = db.prepare('SELECT code, sexes, levels, name_sv, name_en FROM indicators').all() as {
    code: string;
    sexes: string;
    levels: string;
    name_sv: string;
    name_en: string;
  }[];
  for (const row of indicators) {
    catalogue.indicators.set(row.code, { byTotalOnly: row.sexes === 'T', levels: new Set(row.levels.split(',')) });
    for (const name of [row.name_sv, row.name_en]) catalogue.indicatorNames.set(foldName(name), row.code);
  }
  for (const row of db.prepare('SELECT code, level, name FROM places').all() as { code: string; level: string; name: string }[]) {
    catalogue.places.set(row.code, row.level);
    catalogue.placeNames.set(row.code, row.name);
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
