import { sql, type SqlFragment } from '../store/sql';

/**
 * The type a RegSO had in a year: its latest classification up to that year, or its first for the
 * years before any (SCB classifies RegSOs anew every few years, and areas change type). Null for an
 * area never classified, or for a null area.
 */
export function areaTypeInForce(area: SqlFragment, year: SqlFragment): SqlFragment {
  return sql`coalesce((SELECT t.area_type FROM area_types t WHERE t.area_code = ${area} AND t.year <= ${year} ORDER BY t.year DESC LIMIT 1),
            (SELECT t.area_type FROM area_types t WHERE t.area_code = ${area} ORDER BY t.year LIMIT 1))`;
}
