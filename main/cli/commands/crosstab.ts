import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { crosstabDimensions, crosstabMeasures, type CrosstabQueryIn, type CrosstabResult, type DimensionValue } from '../../contract/calls';
import { unwrap } from '../../contract/errors';
import { cellsJson, tableCsv, tableOf, writeTableXlsx } from '../../services/crosstab/table';
import { integerOption, UsageError, write, type Command, type OptionValues } from '../command';

/** Ids in lines that fit beside the usage's other text. */
function wrapped(ids: readonly string[]): string {
  const lines: string[] = [];
  for (const id of ids) {
    const last = lines.at(-1);
    if (last !== undefined && last.length + id.length < 50) lines[lines.length - 1] = `${last}, ${id}`;
    else lines.push(id);
  }
  return lines.join(',\n                                            ');
}

function list(value: unknown): string[] {
  return typeof value === 'string' ? value.split(',').map((part) => part.trim()).filter((part) => part !== '') : [];
}

/** `--filter county=01,03`; `none` is a record without a value (no area type, no municipality). */
function filterOption(text: string): { dimension: string; values: DimensionValue[] } {
  const at = text.indexOf('=');
  if (at < 1) throw new UsageError(`--filter takes DIMENSION=VALUE[,VALUE], not "${text}"`);
  return { dimension: text.slice(0, at), values: list(text.slice(at + 1)).map((value) => (value === 'none' ? null : value)) };
}

function queryOf(values: OptionValues): CrosstabQueryIn {
  const rows = list(values.rows);
  const measures = list(values.measure);
  if (rows.length === 0) throw new UsageError('crosstab needs --rows DIMENSION[,DIMENSION]');
  if (measures.length === 0) throw new UsageError('crosstab needs --measure MEASURE[,MEASURE]');
  const from = integerOption(values, 'from');
  const to = integerOption(values, 'to');
  if ((from === undefined) !== (to === undefined)) throw new UsageError('--from and --to go together');
  const filters = ((values.filter as string[] | undefined) ?? []).map(filterOption);
  return {
    rows,
    cols: list(values.cols),
    measures,
    filters,
    years: from !== undefined && to !== undefined ? { from, to } : null,
    population: typeof values.population === 'string' ? values.population : null,
  } as CrosstabQueryIn;
}

export const crosstabCommand: Command = {
  name: 'crosstab',
  usage: `crosstab --db FILE --rows D[,D] [--cols D] --measure M[,M] [--filter D=V[,V]]...
         [--from YEAR --to YEAR] [--population CODE] [--format csv|json|xlsx] [--out FILE]
                                          any measure by one or two row dimensions and a column
                                          dimension, with totals; CSV (the default) and XLSX as the
                                          table shows it, JSON one object per cell, money in kronor
                                          dimensions: ${wrapped(crosstabDimensions)}
                                          measures: ${wrapped(crosstabMeasures)}
                                          --from/--to: the years of indicator_change; --population:
                                          the population indicator of granted_sek_per_capita;
                                          a filter value none: records without one`,
  arguments: [],
  options: {
    rows: { type: 'string' },
    cols: { type: 'string' },
    measure: { type: 'string' },
    filter: { type: 'string', multiple: true },
    from: { type: 'string' },
    to: { type: 'string' },
    population: { type: 'string' },
    format: { type: 'string' },
    out: { type: 'string' },
  },
  async run({ services, values }) {
    const out = typeof values.out === 'string' ? resolve(values.out) : undefined;
    const format = (values.format as string | undefined) ?? (values.json ? 'json' : out?.toLowerCase().endsWith('.xlsx') ? 'xlsx' : 'csv');
    if (format !== 'csv' && format !== 'json' && format !== 'xlsx') throw new UsageError(`--format takes csv, json or xlsx, not "${format}"`);
    if (format === 'xlsx' && !out) throw new UsageError('--format xlsx needs --out FILE');
    const result = unwrap<CrosstabResult>(await services.call('crosstab.run', queryOf(values)));
    if (format === 'xlsx') {
      await writeTableXlsx(tableOf(result), out!);
      return 0;
    }
    const text =
      format === 'json'
        ? `${JSON.stringify({ rows: result.rows, cols: result.cols, measures: result.measures, cells: cellsJson(result) }, null, 2)}\n`
        : tableCsv(tableOf(result));
    if (out) writeFileSync(out, text);
    else write(text);
    return 0;
  },
};
