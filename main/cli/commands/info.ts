import type { StoreInfo } from '../../contract/calls';
import { unwrap } from '../../contract/errors';
import { write, type Command } from '../command';

export const infoCommand: Command = {
  name: 'info',
  usage: 'info --db FILE [--json]                 schema version and row counts per table',
  arguments: [],
  options: {},
  async run({ services, values }) {
    const info = unwrap<StoreInfo>(await services.call('store.info', {}));
    if (values.json) {
      write(JSON.stringify(info, null, 2));
      return 0;
    }
    const width = Math.max(...info.counts.map((c) => c.table.length));
    write(`store           ${info.path}\nschema version  ${info.schemaVersion}\n`);
    for (const { table, rows } of info.counts) write(`${table.padEnd(width)}  ${rows.toLocaleString('sv-SE').padStart(12)}`);
    return 0;
  },
};
