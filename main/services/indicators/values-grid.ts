import type { ValueColumn } from '../../contract/calls';
import type { PagedTable } from '../paging/paged-table';

const ofSeries = (condition: string) => `p.series_id IN (SELECT id FROM indicator_series WHERE ${condition})`;
const ofPlaces = (condition: string) => ofSeries(`geo_code IN (SELECT code FROM places WHERE ${condition})`);
const geoCode = '(SELECT geo_code FROM indicator_series WHERE id = p.series_id)';
// A place is a geography or a statistical area: two key lookups, where one through the `places`
// view would have SQLite build the whole view for every page.
const ofPlace = (geography: string, area: string) =>
  `coalesce((SELECT ${geography} FROM geographies WHERE code = s.geo_code), (SELECT ${area} FROM stat_areas WHERE code = s.geo_code))`;

/**
 * The values grid: one row per stored value. Its filters on the series' and places' columns run
 * once as a subquery (`via`) and reach the values through their (series, year) key; the shown names
 * are looked up for the page's rows only. Sorting is for one indicator's values (see
 * `sortsWithinOneIndicator`), which SQLite reads through that key and sorts.
 */
export const valuesGrid: PagedTable<ValueColumn | 'id'> = {
  base: 'indicator_points p',
  id: 'p.id',
  joins: 'JOIN indicator_series s ON s.id = p.series_id LEFT JOIN indicator_imports i ON i.id = p.import_id',
  columns: {
    id: { sql: 'p.id' },
    indicator: { sql: 's.indicator_code', filter: { kind: 'set', sql: 'indicator_code', via: ofSeries } },
    geoCode: { sql: geoCode, sortable: true, filter: { kind: 'text', sql: 'geo_code', via: ofSeries } },
    placeName: { sql: ofPlace('name', 'coalesce(name, code)'), filter: { kind: 'text', sql: 'name', via: ofPlaces } },
    level: { sql: ofPlace('level', 'kind'), filter: { kind: 'set', sql: 'level', via: ofPlaces } },
    year: { sql: 'p.period', sortable: true, filter: { kind: 'number' } },
    sex: { sql: 's.sex', filter: { kind: 'set', sql: 'sex', via: ofSeries } },
    value: { sql: 'p.value', sortable: true, filter: { kind: 'number' } },
    source: { sql: "i.file_name || ' (' || substr(i.imported_at, 1, 10) || ')'" },
  },
};

export const valueKeys = Object.keys(valuesGrid.columns);
