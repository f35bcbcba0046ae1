import type { EvaluationDid } from '../../contract/domains/evaluation';

/**
 * The shape scripts read (`grantlens evaluation did --format json`): cells, event times and the
 * overall effect, each with its standard error and 95% interval, and the counts behind them.
 */
export function didJson(result: EvaluationDid): string {
  return `${JSON.stringify(result, null, 2)}\n`;
}

const CSV_HEADER = ['Rad', 'Kohort', 'År', 'Basår', 'Händelsetid', 'ATT', 'Medelfel', 'Nedre 95 %', 'Övre 95 %', 'Behandlade', 'Jämförelse', 'Saknar värde'];

/**
 * One table as Swedish CSV (`;`, decimal comma, BOM, as the app's other exports): a row per
 * ATT(g,t) cell (`cell`), per event time (`event`) and the overall effect (`overall`), their
 * columns left empty where they mean nothing. Every field is a number or a fixed word, so none is quoted.
 */
export function didCsv(result: EvaluationDid): string {
  const number = (value: number | null | undefined) => (value === null || value === undefined ? '' : String(value).replace('.', ','));
  const row = (kind: string, values: (number | null | undefined)[]) => [kind, ...values.map(number)].join(';');
  const lines = [
    ...result.cells.map((c) => row('cell', [c.cohort, c.year, c.baseYear, c.year - c.cohort, c.att, c.se, c.low, c.high, c.treated, c.comparison, c.missing])),
    ...result.event.map((e) => row('event', [null, null, null, e.e, e.att, e.se, e.low, e.high])),
    ...(result.overall ? [row('overall', [null, null, null, null, result.overall.att, result.overall.se, result.overall.low, result.overall.high])] : []),
  ];
  return `\uFEFF${[CSV_HEADER.join(';'), ...lines].join('\r\n')}\r\n`;
}
