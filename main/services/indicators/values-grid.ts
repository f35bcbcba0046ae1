import { valueSortable } from '../../contract/calls';
import type { ValueColumn, valueFilterable } from '../../contract/calls';
import { sql, type SqlFragment } from '../../store/sql';
import type { PagedTable } from '../paging/paged-table';

const ofSeries = (condition: SqlFragment) => sql`p.series_id IN (SELECT id FROM indicator_series WHERE ${condition})`;
const ofPlaces = (condition: SqlFragment) => ofSeries(sql`geo_code IN (SELECT code FROM places WHERE ${condition})`);
const geoCode = sql`(SELECT geo_code FROM indicator_series WHERE id = p.series_id)`;
// A place is a geography or a statistical area: two key lookups, where one through the `places`
// view would have SQLite build the whole view for every page.
const ofPlace = (geography: SqlFragment, area: SqlFragment) =>
  sql`coalesce((SELECT ${geography} FROM geographies WHERE code = s.geo_code), (SELECT ${area} FROM stat_areas WHERE code = s.geo_code))`;

/**
 * The values grid: one row per stored value. Its filters on the series' and places' columns run
 * once as a subquery (`via`) and reach the values through their (series, year) key; the shown names
 * are looked up for the page's rows only. Sorting is for one indicator's values (see
 * `sortsWithinOneIndicator`), which SQLite reads through that key and sorts.
 */
export const valuesGrid: PagedTable<ValueColumn | 'id', (typeof valueSortable)[number], (typeof valueFilterable)[number]> = {
  base: sql`indicator_points p`,
  id: sql`p.id`,
  joins: sql`JOIN indicator_series s ON s.id = p.series_id LEFT JOIN indicator_imports i ON i.id = p.import_id`,
  columns: {
    id: { sql: sql`p.id` },
    indicator: { sql: sql`s.indicator_code`, filter: { kind: 'set', sql: sql`indicator_code`, via: ofSeries } },
    geoCode: { sql: geoCode, filter: { kind: 'text', sql: sql`geo_code`, via: ofSeries } },
    placeName: { sql: ofPlace(sql`name`, sql`coalesce(name, code)`), filter: { kind: 'text', sql: sql`name`, via: ofPlaces } },
    level: { sql: ofPlace(sql`level`, sql`kind`), filter: { kind: 'set', sql: sql`level`, via: ofPlaces } },
    year: { sql: sql`p.period`, filter: { kind: 'number' } },
    sex: { sql: sql`s.sex`, filter: { kind: 'set', sql: sql`sex`, via: ofSeries } },
    value: { sql: sql`p.value`, filter: { kind: 'number' } },
    source: { sql: sql`i.file_name || ' (' || substr(i.imported_at, 1, 10) || ')'` },
  },
  sortable: valueSortable,
};

export const valueKeys = Object.keys(valuesGrid.columns);
