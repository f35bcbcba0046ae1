import type { CrosstabFilter, DimensionValue } from '../../contract/domains/crosstab';
import { sql, sqlJoin, sqlList, type SqlFragment, type SqlValue } from '../../store/sql';

/** `expr IN (...)`, or `expr IS NULL` for a null among the values ("no area type"). */
export function valueCondition(expr: SqlFragment, values: readonly DimensionValue[]): SqlFragment {
  const known = values.filter((value): value is string | number => value !== null);
  const parts = known.length > 0 ? [sql`${expr} IN ${sqlList(known as SqlValue[])}`] : [];
  if (known.length < values.length) parts.push(sql`${expr} IS NULL`);
  return sql`(${sqlJoin(parts, ' OR ')})`;
}

/** ` WHERE a AND b`, or nothing when there are no conditions. */
export function whereOf(conditions: readonly SqlFragment[]): SqlFragment {
  return conditions.length === 0 ? sql`` : sql` WHERE ${sqlJoin(conditions, ' AND ')}`;
}

export function filterConditions(filters: readonly CrosstabFilter[], expr: (filter: CrosstabFilter) => SqlFragment): SqlFragment[] {
  return filters.map((filter) => valueCondition(expr(filter), filter.values));
}

/** The key columns of a fact query, one per axis. */
export const keyColumns = [sql`k0`, sql`k1`, sql`k2`] as const;
