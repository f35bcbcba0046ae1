import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { crosstabDimensions, crosstabMeasures, type CrosstabQueryIn, type CrosstabResult, type DimensionValue, type SavedAnalysis } from '../../contract/calls';
import { AppError, unwrap } from '../../contract/errors';
import { readAnalysisFile } from '../../services/crosstab/analyses';
import { cellsJson, tableCsv, tableOf } from '../../services/crosstab/table';
import type { Services } from '../../services/services';
import { writeFileAtomically } from '../../store/atomic-file';
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

const queryOptions = ['rows', 'cols', 'measure', 'filter', 'from', 'to', 'population'] as const;

/** `--analysis`: a share file when one is at that path, else the saved analysis of that name. */
async function analysisQuery(services: Services, nameOrFile: string): Promise<CrosstabQueryIn> {
  if (existsSync(nameOrFile)) return readAnalysisFile(resolve(nameOrFile)).query;
  const saved = unwrap<SavedAnalysis[]>(await services.call('analyses.list', {})).find((analysis) => analysis.name === nameOrFile.trim());
  if (!saved) throw new AppError('ANALYSIS_NOT_FOUND', `No saved analysis is called "${nameOrFile}", and no file is there.`, { name: nameOrFile });
  if (!saved.query) throw new AppError('INVALID_ARGUMENT', `The saved analysis "${saved.name}" has a query this version of Grantlens cannot read.`, { id: saved.id });
  return saved.query;
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
         [--language sv|en]
         or: crosstab --db FILE --analysis NAME|FILE [--format csv|json|xlsx] [--out FILE]
                                          any measure by one or two row dimensions and a column
                                          dimension, with totals; CSV (the default) and XLSX as the
                                          table shows it, JSON one object per cell, money in kronor;
                                          --language: CSV's and XLSX's headers and labels (sv)
                                          dimensions: ${wrapped(crosstabDimensions)}
                                          measures: ${wrapped(crosstabMeasures)}
                                          --from/--to: the years of indicator_change; --population:
                                          the population indicator of granted_sek_per_capita;
                                          a filter value none: records without one;
                                          --analysis: a saved analysis, or a share file`,
  arguments: [],
  options: {
    rows: { type: 'string' },
    cols: { type: 'string' },
    measure: { type: 'string' },
    filter: { type: 'string', multiple: true },
    from: { type: 'string' },
    to: { type: 'string' },
    population: { type: 'string' },
    analysis: { type: 'string' },
    format: { type: 'string' },
    out: { type: 'string' },
    language: { type: 'string' },
  },
  async run({ services, values }) {
    const out = typeof values.out === 'string' ? resolve(values.out) : undefined;
    const format = (values.format as string | undefined) ?? (values.json ? 'json' : out?.toLowerCase().endsWith('.xlsx') ? 'xlsx' : 'csv');
    if (format !== 'csv' && format !== 'json' && format !== 'xlsx') throw new UsageError(`--format takes csv, json or xlsx, not "${format}"`);
    if (format === 'xlsx' && !out) throw new UsageError('--format xlsx needs --out FILE');
    const language = (values.language as string | undefined) ?? 'sv';
    if (language !== 'sv' && language !== 'en') throw new UsageError(`--language takes sv or en, not "${language}"`);
    let query: CrosstabQueryIn;
    if (typeof values.analysis === 'string') {
      const also = queryOptions.filter((option) => values[option] !== undefined);
      if (also.length > 0) throw new UsageError(`--analysis brings its own query: leave out --${also.join(', --')}`);
      query = await analysisQuery(services, values.analysis);
    } else query = queryOf(values);
    // A table to a file is what the app exports, through the same call.
    if (out && format !== 'json') {
      unwrap(await services.call('crosstab.export', { query, format, fileId: services.registerFile(out).fileId, language }));
      return 0;
    }
    const result = unwrap<CrosstabResult>(await services.call('crosstab.run', query));
    const text =
      format === 'json'
        ? `${JSON.stringify({ rows: result.rows, cols: result.cols, measures: result.measures, cells: cellsJson(result) }, null, 2)}\n`
        : tableCsv(tableOf(result, language));
    if (out) await writeFileAtomically(out, text);
    else write(text);
    return 0;
  },
};
