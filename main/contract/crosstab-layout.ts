import type { CrosstabCell, CrosstabMember, CrosstabResult, DimensionValue } from './domains/crosstab';

// How a cross-tab's cells are laid out as a table to read, the same on screen and in an export:
// row members nested, each outer member followed by its subtotal, the grand total last; column
// members then their total, each column holding every measure.

/** One axis's place in a row or column: a member, or the total over that axis. */
export interface LayoutSlot {
  key: DimensionValue;
  total: boolean;
  /** The member shown; null for a total. */
  member: CrosstabMember | null;
}

export interface LayoutRow {
  /** One slot per row axis. For the grand total of two row axes both are totals. */
  path: LayoutSlot[];
  /** The cell under each column, in the order of `columns`; undefined where the engine has none. */
  cells: (CrosstabCell | undefined)[];
}

export interface CrosstabLayout {
  /** One entry per column: the column axis's slot, or none when the query has no column axis. */
  columns: LayoutSlot[][];
  rows: LayoutRow[];
}

const keyOf = (key: readonly DimensionValue[], total: readonly boolean[]) => JSON.stringify([key, total]);

export function crosstabLayout(result: CrosstabResult): CrosstabLayout {
  const rowAxes = result.rows.length;
  const byKey = new Map(result.cells.map((cell) => [keyOf(cell.key, cell.total), cell]));
  const slots = (axis: number): LayoutSlot[] => [
    ...result.members[axis]!.map((member) => ({ key: member.key, total: false, member })),
    { key: null, total: true, member: null },
  ];
  const columns: LayoutSlot[][] = result.cols.length === 0 ? [[]] : slots(rowAxes).map((slot) => [slot]);
  const paths: LayoutSlot[][] = [];
  for (const first of slots(0)) {
    if (rowAxes === 1) paths.push([first]);
    else if (first.total) paths.push([first, { key: null, total: true, member: null }]);
    else for (const second of slots(1)) paths.push([first, second]);
  }
  const rows: LayoutRow[] = [];
  for (const path of paths) {
    const cells = columns.map((column) => {
      const slots = [...path, ...column];
      return byKey.get(keyOf(slots.map((slot) => slot.key), slots.map((slot) => slot.total)));
    });
    // A pair of members with no records between them is no line of the table.
    if (cells.some((cell) => cell !== undefined)) rows.push({ path, cells });
  }
  return { columns, rows };
}
