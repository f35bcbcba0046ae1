// Dynamic SQL is built only through this tag, as Signal-Desktop's `sql` does: the text and its bound
// values travel together, a value can never become SQL text, and an identifier gets in only from a
// whitelist the code itself declares. The pager and the cross-tab builder compose queries from it.

export type SqlValue = string | number | bigint | Buffer | null;

/** A piece of SQL with its bound values, in order. Only this module makes them. */
export class SqlFragment {
  private constructor(
    readonly text: string,
    readonly params: readonly SqlValue[],
  ) {}

  /** @internal Used by this module's helpers only. */
  static make(text: string, params: readonly SqlValue[]): SqlFragment {
    return new SqlFragment(text, params);
  }
}

/**
 * `sql\`SELECT a FROM t WHERE b = ${value} AND ${otherFragment}\`` — each value becomes a `?`
 * bound in place, each fragment is spliced with its own values.
 */
export function sql(strings: TemplateStringsArray, ...parts: ReadonlyArray<SqlValue | SqlFragment>): SqlFragment {
  let text = strings[0] ?? '';
  const params: SqlValue[] = [];
  parts.forEach((part, index) => {
    if (part instanceof SqlFragment) {
      text += part.text;
      params.push(...part.params);
    } else {
      text += '?';
      params.push(part);
    }
    text += strings[index + 1] ?? '';
  });
  return SqlFragment.make(text, params);
}

/** Fragments joined by a separator that is itself code, never input: `, `, ` AND `, ` OR `. */
export function sqlJoin(fragments: readonly SqlFragment[], separator: ', ' | ' AND ' | ' OR ' | ' UNION ALL ' = ', '): SqlFragment {
  return SqlFragment.make(
    fragments.map((fragment) => fragment.text).join(separator),
    fragments.flatMap((fragment) => fragment.params),
  );
}

/** `(?, ?, ?)` for a non-empty list of values; an empty list matches nothing, as `IN ()` would mean. */
export function sqlList(values: readonly SqlValue[]): SqlFragment {
  if (values.length === 0) return SqlFragment.make('(SELECT NULL WHERE 0)', []);
  return SqlFragment.make(`(${values.map(() => '?').join(', ')})`, values);
}

/** A quoted identifier, admitted only when the code's own whitelist holds it. */
export function sqlIdentifier<Name extends string>(name: string, allowed: readonly Name[]): SqlFragment {
  if (!(allowed as readonly string[]).includes(name)) {
    throw new Error(`The identifier ${JSON.stringify(name)} is not one this query may name.`);
  }
  return SqlFragment.make(`"${name.replaceAll('"', '""')}"`, []);
}

export const emptySql = SqlFragment.make('', []);
