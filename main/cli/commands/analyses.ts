import { resolve } from 'node:path';
import type { SavedAnalysis } from '../../contract/calls';
import { AppError, unwrap } from '../../contract/errors';
import type { Services } from '../../services/services';
import { UsageError, write, type Command } from '../command';
import { existingPath } from '../import-summary';

async function savedAnalyses(services: Services): Promise<SavedAnalysis[]> {
  return unwrap<SavedAnalysis[]>(await services.call('analyses.list', {}));
}

/** What a query asks, on one line: rows × columns: measures. */
function described(analysis: SavedAnalysis): string {
  const { query } = analysis;
  if (!query) return '(a query this version cannot read)';
  const axes = [query.rows.join(', '), ...(query.cols.length > 0 ? [query.cols.join(', ')] : [])].join(' × ');
  const filters = query.filters.map((filter) => ` ${filter.dimension}=${filter.values.map((value) => value ?? 'none').join(',')}`).join('');
  return `${axes}: ${query.measures.join(', ')}${filters}`;
}

export const analysesListCommand: Command = {
  name: 'analyses list',
  usage: `analyses list --db F [--json]             the saved analyses: name, what each
                                          tabulates, who saved it and when`,
  arguments: [],
  options: {},
  async run({ services, values }) {
    const analyses = await savedAnalyses(services);
    if (values.json) write(JSON.stringify(analyses, null, 2));
    else for (const analysis of analyses) write(`${analysis.name}  ${described(analysis)}  (${analysis.createdBy}, ${analysis.updatedAt.slice(0, 10)})`);
    return 0;
  },
};

export const analysesExportCommand: Command = {
  name: 'analyses export',
  usage: `analyses export NAME --db F --out FILE    a saved analysis as a small share file
                                          that another store imports`,
  arguments: ['NAME'],
  options: { out: { type: 'string' } },
  async run({ services, positionals: [name], values }) {
    if (typeof values.out !== 'string') throw new UsageError('analyses export needs --out FILE');
    const analysis = (await savedAnalyses(services)).find((saved) => saved.name === name!.trim());
    if (!analysis) throw new AppError('ANALYSIS_NOT_FOUND', `No saved analysis is called "${name!}".`, { name });
    unwrap(await services.call('analyses.exportFile', { id: analysis.id, fileId: services.registerFile(resolve(values.out)).fileId }));
    write(values.json ? JSON.stringify({ name: analysis.name, out: resolve(values.out) }) : `${analysis.name} exported to ${values.out}`);
    return 0;
  },
};

export const analysesImportCommand: Command = {
  name: 'analyses import',
  usage: `analyses import FILE --db F [--json]      saves a share file's analysis, as
                                          "NAME (2)" when the name is taken`,
  arguments: ['FILE'],
  options: {},
  async run({ services, positionals: [file], values }) {
    const { fileId } = services.registerFile(existingPath(file!));
    const analysis = unwrap<SavedAnalysis>(await services.call('analyses.importFile', { fileId }));
    write(values.json ? JSON.stringify(analysis, null, 2) : `imported  ${analysis.name}  ${described(analysis)}`);
    return 0;
  },
};
