import { unwrap } from '../../contract/errors';
import type { DemoResult } from '../../contract/calls';
import { integerOption, write, type Command } from '../command';
import { renderProgress } from '../progress-line';

export const demoCommand: Command = {
  name: 'demo',
  usage: `demo --db FILE [--scale N] [--seed N]   fill an empty store with realistic demo data
                                          (scale 1 is about 1,500 applications)`,
  arguments: [],
  options: { scale: { type: 'string' }, seed: { type: 'string' } },
  async run({ services, values }) {
    const args = { scale: integerOption(values, 'scale'), seed: integerOption(values, 'seed') };
    const result = unwrap<DemoResult>(await services.call('demo.load', args, renderProgress));
    if (process.stderr.isTTY) process.stderr.write('\n');
    if (values.json) write(JSON.stringify(result));
    else write(`demo data loaded: ${Object.entries(result).map(([key, n]) => `${key} ${n.toLocaleString('sv-SE')}`).join(', ')}`);
    return 0;
  },
};
