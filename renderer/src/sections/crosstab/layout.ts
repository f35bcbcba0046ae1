import type { CrosstabDimension, CrosstabMeasure, CrosstabQueryIn, DimensionValue } from '../../../../main/contract/domains/crosstab';
import { MAX_COLUMN_DIMENSIONS, MAX_ROW_DIMENSIONS, crosstabDimensions, crosstabMeasures } from '../../../../main/contract/domains/crosstab';

// What the builder holds: the fields on each area, the chosen filter values and the measures'
// parameters. Every move the mouse (drag and drop) and the keyboard (a chip's menu) can make goes
// through `place` and `shift`, so both follow the same rules: one or two rows, at most one column,
// at least one measure.

export type Field = { kind: 'dimension'; id: CrosstabDimension } | { kind: 'measure'; id: CrosstabMeasure };
export type Area = 'fields' | 'rows' | 'cols' | 'filters' | 'measures';

export interface FilterChoice {
  dimension: CrosstabDimension;
  values: DimensionValue[];
}

export interface Layout {
  rows: CrosstabDimension[];
  cols: CrosstabDimension[];
  filters: FilterChoice[];
  measures: CrosstabMeasure[];
  years: { from: number; to: number } | null;
  population: string | null;
}

/** The first screen's question: granted kronor by county and call year. */
export const defaultLayout: Layout = { rows: ['county'], cols: ['year'], filters: [], measures: ['granted_sek'], years: null, population: null };

export const fieldKey = (field: Field): string => `${field.kind}:${field.id}`;

export function fieldOfKey(key: string): Field | null {
  const [kind, id] = key.split(':');
  if (kind === 'dimension' && (crosstabDimensions as readonly string[]).includes(id!)) return { kind, id: id as CrosstabDimension };
  if (kind === 'measure' && (crosstabMeasures as readonly string[]).includes(id!)) return { kind, id: id as CrosstabMeasure };
  return null;
}

export function areaOf(layout: Layout, field: Field): Area {
  if (field.kind === 'measure') return layout.measures.includes(field.id) ? 'measures' : 'fields';
  if (layout.rows.includes(field.id)) return 'rows';
  if (layout.cols.includes(field.id)) return 'cols';
  if (layout.filters.some((filter) => filter.dimension === field.id)) return 'filters';
  return 'fields';
}

/** The fields on an area, in order. */
export function fieldsOn(layout: Layout, area: Area): Field[] {
  const dimensions = (ids: readonly CrosstabDimension[]) => ids.map((id): Field => ({ kind: 'dimension', id }));
  switch (area) {
    case 'rows':
      return dimensions(layout.rows);
    case 'cols':
      return dimensions(layout.cols);
    case 'filters':
      return dimensions(layout.filters.map((filter) => filter.dimension));
    case 'measures':
      return layout.measures.map((id): Field => ({ kind: 'measure', id }));
    case 'fields':
      return [
        ...dimensions(crosstabDimensions.filter((id) => areaOf(layout, { kind: 'dimension', id }) === 'fields')),
        ...crosstabMeasures.filter((id) => !layout.measures.includes(id)).map((id): Field => ({ kind: 'measure', id })),
      ];
  }
}

function without(layout: Layout, field: Field): Layout {
  if (field.kind === 'measure') return { ...layout, measures: layout.measures.filter((id) => id !== field.id) };
  return {
    ...layout,
    rows: layout.rows.filter((id) => id !== field.id),
    cols: layout.cols.filter((id) => id !== field.id),
    filters: layout.filters.filter((filter) => filter.dimension !== field.id),
  };
}

/**
 * The layout with `field` moved to `to` (at `index`, else last), or null where the move is not
 * allowed: a measure anywhere but the measures or back to the fields, a third row, a second column,
 * or taking away the last row or the last measure.
 */
export function place(layout: Layout, field: Field, to: Area, index?: number): Layout | null {
  const from = areaOf(layout, field);
  if (field.kind === 'measure' ? to !== 'measures' && to !== 'fields' : to === 'measures') return null;
  if (from === 'rows' && to !== 'rows' && layout.rows.length === 1) return null;
  if (from === 'measures' && to !== 'measures' && layout.measures.length === 1) return null;
  if (to === 'rows' && from !== 'rows' && layout.rows.length >= MAX_ROW_DIMENSIONS) return null;
  if (to === 'cols' && from !== 'cols' && layout.cols.length >= MAX_COLUMN_DIMENSIONS) return null;
  if (to === from && to !== 'rows' && to !== 'measures') return to === 'fields' ? null : layout;
  const rest = without(layout, field);
  const insert = <T,>(list: T[], item: T) => {
    const at = Math.max(0, Math.min(index ?? list.length, list.length));
    return [...list.slice(0, at), item, ...list.slice(at)];
  };
  if (field.kind === 'measure') return to === 'measures' ? { ...rest, measures: insert(rest.measures, field.id) } : rest;
  switch (to) {
    case 'rows':
      return { ...rest, rows: insert(rest.rows, field.id) };
    case 'cols':
      return { ...rest, cols: [field.id] };
    case 'filters':
      return { ...rest, filters: insert(rest.filters, { dimension: field.id, values: [] }) };
    default:
      return rest;
  }
}

/** The field one place up (-1) or down (1) on its area, or null at the end. */
export function shift(layout: Layout, field: Field, by: -1 | 1): Layout | null {
  const area = areaOf(layout, field);
  if (area === 'fields' || area === 'cols') return null;
  const at = fieldsOn(layout, area).findIndex((other) => fieldKey(other) === fieldKey(field));
  const to = at + by;
  if (to < 0 || to >= fieldsOn(layout, area).length) return null;
  if (area === 'filters') {
    const filters = [...layout.filters];
    [filters[at], filters[to]] = [filters[to]!, filters[at]!];
    return { ...layout, filters };
  }
  return place(layout, field, area, to);
}

/** The query the layout asks: filters without values filter nothing, parameters only for the measures that take them. */
export function queryOf(layout: Layout): CrosstabQueryIn {
  return {
    rows: layout.rows,
    cols: layout.cols,
    measures: layout.measures,
    filters: layout.filters.filter((filter) => filter.values.length > 0),
    years: layout.measures.includes('indicator_change') ? layout.years : null,
    population: layout.measures.includes('granted_sek_per_capita') ? layout.population : null,
  };
}
