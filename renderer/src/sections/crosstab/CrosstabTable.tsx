import { useMemo, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { crosstabLayout, type LayoutRow, type LayoutSlot } from '../../../../main/contract/crosstab-layout';
import type { CrosstabCell, CrosstabResult } from '../../../../main/contract/domains/crosstab';
import { heatRanges, heatStep } from './heat';
import { HeatLegend } from './HeatLegend';
import { formatFigure, memberLabel } from './words';

interface Props {
  result: CrosstabResult;
  heat: boolean;
  caption: string;
  /** A cell or total chosen with a click, Enter or Space; undefined where there is none to drill into. */
  onDrill?: (cell: CrosstabCell) => void;
}

const arrows: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };

/** How many rows the outer member's header spans from each row on: its members and its subtotal. */
function outerSpans(rows: readonly LayoutRow[]): number[] {
  const spans = rows.map(() => 0);
  let start = 0;
  rows.forEach((row, i) => {
    const first = rows[start]!.path[0]!;
    if (row.path[0]!.key !== first.key || row.path[0]!.total !== first.total) start = i;
    spans[start]! += 1;
  });
  return spans;
}

/**
 * The cross-tab as a table: nested row headers, a column group per column member holding every
 * measure, subtotals and totals as the engine computed them. One cell at a time is in the tab order;
 * arrow keys move between cells, Enter or Space drills into the one focused.
 */
export function CrosstabTable({ result, heat, caption, onDrill }: Props) {
  const { t } = useTranslation();
  const layout = useMemo(() => crosstabLayout(result), [result]);
  const ranges = useMemo(() => heatRanges(result.cells, result.measures.length), [result]);
  const [focus, setFocus] = useState<[number, number]>([0, 0]);
  const axes = [...result.rows, ...result.cols];
  const spans = result.rows.length === 2 ? outerSpans(layout.rows) : [];
  const width = layout.columns.length * result.measures.length;
  // One measure is named by the caption: its name under every column member would only repeat it.
  const measureRow = result.measures.length > 1;
  const label = (slot: LayoutSlot, axis: number) => (slot.member ? memberLabel(t, axes[axis]!, slot.member) : t('crosstab.total'));

  const keys = (event: KeyboardEvent<HTMLTableCellElement>, row: number, column: number, cell: CrosstabCell | undefined) => {
    const arrow = arrows[event.key];
    if (arrow) {
      event.preventDefault();
      const next: [number, number] = [Math.max(0, Math.min(layout.rows.length - 1, row + arrow[0])), Math.max(0, Math.min(width - 1, column + arrow[1]))];
      setFocus(next);
      event.currentTarget.closest('table')?.querySelector<HTMLElement>(`[data-cell="${next[0]}:${next[1]}"]`)?.focus();
    } else if ((event.key === 'Enter' || event.key === ' ') && cell && onDrill) {
      event.preventDefault();
      onDrill(cell);
    }
  };

  return (
    <div className="crosstab-table-wrap">
      <table className={`crosstab-table${heat ? ' heat' : ''}${result.rows.length === 1 ? ' one-axis' : ''}`} data-testid="crosstab-table">
        <caption>{caption}</caption>
        <thead>
          {result.cols.length > 0 ? (
            <>
              <tr>
                {result.rows.map((dimension) => (
                  <th key={dimension} scope="col" rowSpan={measureRow ? 2 : 1} className="row-head">
                    {t(`crosstab.dimension.${dimension}`)}
                  </th>
                ))}
                {layout.columns.map(([slot], c) => (
                  <th key={c} scope={measureRow ? 'colgroup' : 'col'} colSpan={result.measures.length} className={slot!.total ? 'total' : undefined}>
                    {label(slot!, result.rows.length)}
                  </th>
                ))}
              </tr>
              {measureRow && (
                <tr>
                  {layout.columns.flatMap((_, c) =>
                    result.measures.map((measure) => (
                      <th key={`${c}-${measure}`} scope="col" className="measure-head">
                        {t(`crosstab.measure.${measure}`)}
                      </th>
                    )),
                  )}
                </tr>
              )}
            </>
          ) : (
            <tr>
              {result.rows.map((dimension) => (
                <th key={dimension} scope="col" className="row-head">
                  {t(`crosstab.dimension.${dimension}`)}
                </th>
              ))}
              {result.measures.map((measure) => (
                <th key={measure} scope="col" className="measure-head">
                  {t(`crosstab.measure.${measure}`)}
                </th>
              ))}
            </tr>
          )}
        </thead>
        <tbody>
          {layout.rows.map((row, r) => {
            const isTotal = row.path.some((slot) => slot.total);
            const grand = row.path[0]!.total;
            return (
              <tr key={r} className={grand ? 'grand-total' : isTotal ? 'subtotal' : undefined}>
                {result.rows.length === 2 && grand ? (
                  <th scope="row" colSpan={2}>
                    {t('crosstab.total')}
                  </th>
                ) : (
                  row.path.map((slot, axis) =>
                    axis === 0 && result.rows.length === 2 ? (
                      spans[r]! > 0 && (
                        <th key={axis} scope="rowgroup" rowSpan={spans[r]} className="outer">
                          {label(slot, axis)}
                        </th>
                      )
                    ) : (
                      <th key={axis} scope="row">
                        {label(slot, axis)}
                      </th>
                    ),
                  )
                )}
                {row.cells.flatMap((cell, c) =>
                  result.measures.map((_, m) => {
                    const column = c * result.measures.length + m;
                    const value = cell?.values[m];
                    const step = heat && cell && !cell.total.some(Boolean) ? heatStep(ranges[m]!, value) : null;
                    return (
                      <td
                        key={column}
                        data-cell={`${r}:${column}`}
                        className={cell?.total.some(Boolean) ? 'total' : undefined}
                        tabIndex={focus[0] === r && focus[1] === column ? 0 : -1}
                        style={step ? { background: step.background, color: step.ink } : undefined}
                        onClick={() => {
                          setFocus([r, column]);
                          if (cell && onDrill) onDrill(cell);
                        }}
                        onKeyDown={(event) => keys(event, r, column, cell)}
                      >
                        {formatFigure(result.units[m]!, value)}
                      </td>
                    );
                  }),
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
      {heat && <HeatLegend result={result} ranges={ranges} />}
    </div>
  );
}
