import type { ValueColumn } from '../../contract/calls';
import type { PagedTable } from '../paging/paged-table';

const ofSeries = (condition: string) => `p.series_id IN (SELECT id FROM indicator_series WHERE ${condition})`;
const ofPlaces = (condition: string) => `p.geo_code IN (SELECT code FROM places WHERE ${condition})`;
// A place is a geography or a statistical area: two key lookups, where one through the `places`
// view would have SQLite build the whole view for every page.
const ofPlace = (geography: string, area: string) =>
  `coalesce((SELECT ${geography} FROM geographies WHERE code = p.geo_code), (SELECT ${area} FROM stat_areas WHERE code = p.geo_code))`;

/**
 * The values grid: one row per stored value. Its sortable columns are indexed with the id in
 * 0005-values-grid.sql; the series' and places' columns are filtered through a subquery run once
 * (`via`), and the shown names are looked up for the page's rows only.
 */
export const valuesGrid: PagedTable<ValueColumn | 'id'> = {
  base: 'indicator_points p',
  id: 'p.id',
  joins: 'JOIN indicator_series s ON s.id = p.series_id LEFT JOIN indicator_imports i ON i.id = p.import_id',
  columns: {
    id: { sql: 'p.id' },
    indicator: { sql: 's.indicator_code', filter: { kind: 'set', sql: 'indicator_code', via: ofSeries } },
    geoCode: { sql: 'p.geo_code', sortable: true, filter: { kind: 'text' } },
    placeName: { sql: ofPlace('name', 'coalesce(name, code)'), filter: { kind: 'text', sql: 'name', via: ofPlaces } },
    level: { sql: ofPlace('level', 'kind'), filter: { kind: 'set', sql: 'level', via: ofPlaces } },
    year: { sql: 'p.period', sortable: true, filter: { kind: 'number' } },
    sex: { sql: 's.sex', filter: { kind: 'set', sql: 'sex', via: ofSeries } },
    value: { sql: 'p.value', sortable: true, filter: { kind: 'number' } },
    source: { sql: "i.file_name || ' (' || substr(i.imported_at, 1, 10) || ')'" },
  },
};

export const valueKeys = Object.keys(valuesGrid.columns);
