import { resolve } from 'node:path';
import { applicationColumns, applicationSortable, type ArgsIn } from '../../contract/calls';
import { unwrap } from '../../contract/errors';
import { swedishHeader } from '../../importers/register/column-names';
import { UsageError, write, type Command } from '../command';
import { renderProgress } from '../progress-line';

/** `--sort column[:desc]` */
function sortOption(value: unknown): ArgsIn<'applications.export'>['query']['sort'] {
  if (value === undefined) return null;
  const [column, direction = 'asc'] = String(value).split(':');
  if (!(applicationSortable as readonly string[]).includes(column ?? '') || (direction !== 'asc' && direction !== 'desc')) {
    throw new UsageError(`--sort takes one of ${applicationSortable.join(', ')}, optionally with :desc`);
  }
  return { column: column as (typeof applicationSortable)[number], direction };
}

export const exportCommand: Command = {
  name: 'export applications',
  usage: `export applications --db F --out FILE [--format csv|xlsx] [--search TEXT] [--sort COLUMN[:desc]]
                                          every column of the applications grid, Swedish headers,
                                          as the app exports it; import reads the file back`,
  arguments: [],
  options: { out: { type: 'string' }, format: { type: 'string' }, search: { type: 'string' }, sort: { type: 'string' } },
  async run({ services, values }) {
    if (typeof values.out !== 'string') throw new UsageError('export needs --out FILE');
    const format = (values.format as string | undefined) ?? (values.out.toLowerCase().endsWith('.xlsx') ? 'xlsx' : 'csv');
    if (format !== 'csv' && format !== 'xlsx') throw new UsageError(`--format takes csv or xlsx, not "${format}"`);
    const { fileId } = services.registerFile(resolve(values.out));
    const args: ArgsIn<'applications.export'> = {
      fileId,
      format,
      query: { sort: sortOption(values.sort), filters: [], search: (values.search as string | undefined) ?? '' },
      columns: applicationColumns.map((key) => ({ key, header: swedishHeader(key) })),
    };
    const { rows } = unwrap<{ rows: number }>(await services.call('applications.export', args, renderProgress));
    if (process.stderr.isTTY) process.stderr.write('\n');
    if (values.json) write(JSON.stringify({ rows, out: resolve(values.out), format }));
    else write(`${rows.toLocaleString('sv-SE')} applications exported to ${values.out}`);
    return 0;
  },
};
