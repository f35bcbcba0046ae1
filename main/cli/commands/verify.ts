import type { VerifyResult } from '../../contract/calls';
import { unwrap } from '../../contract/errors';
import { write, type Command } from '../command';

export const verifyCommand: Command = {
  name: 'verify',
  usage: `verify --db F [--json]                  checks every page, index and reference of the store
                                          the audit log's hash chain and that the cross-tab's kept
                                          summaries equal their records; exit 2 with what is wrong`,
  arguments: [],
  runsOnDamagedStore: true,
  options: {},
  async run({ services, values, openError }) {
    const result = unwrap<VerifyResult>(await services.call('store.verify', {}));
    if (values.json) write(JSON.stringify(result, null, 2));
    else {
      if (openError) write(`store     does not open: ${openError.message}`);
      for (const check of result.checks) {
        write(`${check.name.padEnd(12)}  ${check.problems.length === 0 ? 'ok' : `${check.problems.length} problem(s)`}`);
        for (const problem of check.problems) write(`  ${problem}`);
      }
    }
    return result.ok && !openError ? 0 : 2;
  },
};
