import type { Database } from 'better-sqlite3';
import type { ExchangeConflict, ExchangeSummary } from '../../contract/domains/exchange';
import type { Edit } from '../../domain/audit';
import { sql, sqlList } from '../../store/sql';
import { statement } from '../../store/statement-cache';
import { kindByTable } from './records';

// Indicator values in a package (docs/exchange.md): one series per indicator, place and sex, its
// points flat triples of year, value and the index of the import it came from. A value is keyed by
// indicator, place, sex and year; its edit time is its import's time, as the store knows no other.
// The common base is kept per series (`indicator_series:` keys in exchange_base: year to value), so
// a million values make some tens of thousands of base rows, not a million.

export interface ValueSeries {
  indicator: string;
  geo: string;
  sex: 'T' | 'K' | 'M';
  points: number[];
}

const NO_IMPORT = -1;
const importKind = () => kindByTable.get('indicator_imports')!;
export const seriesKey = (indicator: string, geo: string, sex: string) => `indicator_series:${indicator}:${geo}:${sex}`;

/** The values of the chosen indicators (all when none is chosen), a series at a time, from one read. */
export function readValueSeries(db: Database, indicators: readonly string[] | null): { series: ValueSeries[]; imports: string[]; values: number } {
  const importKey = importKind().keySql(sql`i`);
  const keys = new Map<number, number>();
  const imports: string[] = [];
  const keyOf = statement(db, sql`SELECT ${importKey} FROM indicator_imports i WHERE i.id = ?`.text).pluck();
  const where = indicators ? sql`WHERE s.indicator_code IN ${sqlList(indicators)}` : sql``;
  const query = sql`SELECT s.id, s.indicator_code, s.geo_code, s.sex, p.period, p.value, p.import_id
                    FROM indicator_series s JOIN indicator_points p ON p.series_id = s.id ${where} ORDER BY s.id, p.period`;
  const series: ValueSeries[] = [];
  let current: ValueSeries | undefined;
  let currentId = -1;
  let values = 0;
  for (const row of db.prepare(query.text).raw().iterate(...query.params) as Iterable<[number, string, string, 'T' | 'K' | 'M', number, number, number | null]>) {
    const [id, indicator, geo, sex, period, value, importId] = row;
    if (id !== currentId) {
      current = { indicator, geo, sex, points: [] };
      currentId = id;
      series.push(current);
    }
    let index = importId === null ? NO_IMPORT : keys.get(importId);
    if (index === undefined) {
      index = imports.push(keyOf.get(importId) as string) - 1;
      keys.set(importId!, index);
    }
    current!.points.push(period, value, index);
    values++;
  }
  return { series, imports, values };
}

export interface ValueMerge {
  db: Database;
  edit: Edit;
  choices: Map<string, 'mine' | 'theirs'>;
  summary: ExchangeSummary;
}

/** Later import wins; at the same time (or both without one) the larger value, so both stores settle alike. */
function theirsIsLater(mine: number, mineAt: string | null, theirs: number, theirsAt: string | null): boolean {
  const a = mineAt ?? '';
  const b = theirsAt ?? '';
  if (a !== b) return b > a;
  return theirs > mine;
}

/**
 * Merges the package's values: a value this store lacks is added, one changed on one side only
 * since the last exchange is taken or kept, one both changed (or any that differs before a first
 * exchange) is a conflict, listed and settled by the user's choice or the later import. Each change
 * is in the audit log (a series' changes in one entry), and a replaced value in the value history,
 * as an import's would be.
 */
export function mergeValues(merge: ValueMerge, incoming: readonly ValueSeries[], importKeys: readonly string[]): void {
  const { db, edit, summary } = merge;
  const kind = importKind();
  // The imports the values came from, as this store's ids (merged as records just before) and their times.
  const imports = importKeys.map((key) => {
    const id = kind.find(db, key);
    const at = id === undefined ? null : (statement(db, 'SELECT imported_at FROM indicator_imports WHERE id = ?').pluck().get(id) as string);
    return { id: id ?? null, at };
  });
  const localImportTime = new Map(
    (statement(db, 'SELECT id, imported_at FROM indicator_imports').raw().all() as [number, string][]).map(([id, at]) => [id, at] as const),
  );
  const indicators = new Map(
    (statement(db, 'SELECT code, sexes FROM indicators').raw().all() as [string, string][]).map(([code, sexes]) => [code, sexes] as const),
  );
  const places = new Set(statement(db, 'SELECT code FROM places').pluck().all() as string[]);
  const findSeries = statement(db, 'SELECT id FROM indicator_series WHERE indicator_code = ? AND geo_code = ? AND sex = ?').pluck();
  const addSeries = statement(db, 'INSERT INTO indicator_series (indicator_code, geo_code, sex) VALUES (?, ?, ?)');
  const pointsOf = statement(db, 'SELECT period, value, import_id FROM indicator_points WHERE series_id = ?').raw();
  const addPoint = statement(db, 'INSERT INTO indicator_points (series_id, period, value, import_id) VALUES (?, ?, ?, ?)');
  const setPoint = statement(db, 'UPDATE indicator_points SET value = ?, import_id = ? WHERE series_id = ? AND period = ?');
  const baseOf = statement(db, 'SELECT fields FROM exchange_base WHERE record_key = ?').pluck();
  const writeBase = statement(db, 'INSERT INTO exchange_base (record_key, fields) VALUES (?, ?) ON CONFLICT (record_key) DO UPDATE SET fields = excluded.fields');

  for (const series of incoming) {
    const key = seriesKey(series.indicator, series.geo, series.sex);
    summary.values += series.points.length / 3;
    const sexes = indicators.get(series.indicator);
    if (sexes === undefined) {
      summary.rejected.push({ key, reason: 'missing_reference', detail: `indicator ${series.indicator}, which neither store holds` });
      continue;
    }
    if (!places.has(series.geo) || !sexes.includes(series.sex) || series.points.length % 3 !== 0) {
      summary.rejected.push({ key, reason: 'invalid_record', detail: `${series.geo} ${series.sex} is not a place and sex this store keeps ${series.indicator} for` });
      continue;
    }
    let seriesId = findSeries.get(series.indicator, series.geo, series.sex) as number | undefined;
    const local = new Map<number, { value: number; importId: number | null }>();
    // A new series is one inserted record in the log, as a new register row is; its points are what the package says.
    const isNew = seriesId === undefined;
    if (seriesId === undefined) {
      seriesId = Number(addSeries.run(series.indicator, series.geo, series.sex).lastInsertRowid);
      edit.record({ table: 'indicator_series', rowId: seriesId, field: null, oldValue: null, newValue: key });
    } else {
      for (const [period, value, importId] of pointsOf.all(seriesId) as [number, number, number | null][]) local.set(period, { value, importId });
    }
    const baseJson = baseOf.get(key) as string | undefined;
    const base = baseJson === undefined ? undefined : (JSON.parse(baseJson) as Record<string, number>);
    const merged: Record<string, number> = {};
    // A series' changes are one log entry, the years' old and new values as JSON: every change logged,
    // in a few thousand entries where a re-import changed hundreds of thousands of values.
    const before: Record<string, number | null> = {};
    const after: Record<string, number> = {};
    for (const [period, { value }] of local) merged[period] = value;
    for (let at = 0; at < series.points.length; at += 3) {
      const period = series.points[at]!;
      const theirs = series.points[at + 1]!;
      const from = imports[series.points[at + 2]!] ?? { id: null, at: null };
      const mine = local.get(period);
      if (!Number.isInteger(period) || !Number.isFinite(theirs)) {
        summary.rejected.push({ key: `${key}:${period}`, reason: 'invalid_record', detail: 'not a year and a finite value' });
        continue;
      }
      if (mine === undefined) {
        addPoint.run(seriesId, period, theirs, from.id);
        if (!isNew) {
          before[period] = null;
          after[period] = theirs;
        }
        summary.valuesInserted++;
        merged[period] = theirs;
        continue;
      }
      if (mine.value === theirs) continue;
      const field = String(period);
      let take: 'mine' | 'theirs';
      if (base && base[field] === mine.value) take = 'theirs';
      else if (base && base[field] === theirs) {
        summary.keptMine++;
        continue;
      } else {
        const mineEditedAt = mine.importId === null ? null : (localImportTime.get(mine.importId) ?? null);
        take = merge.choices.get(`${key}\u0000${field}`) ?? (theirsIsLater(mine.value, mineEditedAt, theirs, from.at) ? 'theirs' : 'mine');
        const conflict: ExchangeConflict = {
          key,
          table: 'indicator_values',
          field,
          mine: mine.value,
          theirs,
          mineEditedAt,
          theirsEditedAt: from.at,
          taken: take,
          deleted: null,
        };
        summary.conflicts.push(conflict);
      }
      if (take === 'mine') continue;
      setPoint.run(theirs, from.id, seriesId, period);
      before[period] = mine.value;
      after[period] = theirs;
      summary.valuesUpdated++;
      merged[period] = theirs;
    }
    if (Object.keys(after).length > 0) edit.record({ table: 'indicator_series', rowId: seriesId, field: 'values', oldValue: JSON.stringify(before), newValue: JSON.stringify(after) });
    writeBase.run(key, JSON.stringify(merged));
  }
}
