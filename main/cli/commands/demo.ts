import { unwrap } from '../../contract/errors';
import type { DemoResult } from '../../contract/calls';
import { dayOption, integerOption, write, type Command } from '../command';
import { renderProgress } from '../progress-line';

export const demoCommand: Command = {
  name: 'demo',
  usage: `demo --db FILE [--scale N] [--seed N] [--today YYYY-MM-DD]
                                          fill an empty store with realistic demo data, dated around
                                          today or the day given (scale 1 is about 1,500 applications)`,
  arguments: [],
  options: { scale: { type: 'string' }, seed: { type: 'string' }, today: { type: 'string' } },
  async run({ services, values }) {
    const args = { scale: integerOption(values, 'scale'), seed: integerOption(values, 'seed'), today: dayOption(values, 'today') };
    const result = unwrap<DemoResult>(await services.call('demo.load', args, renderProgress));
    if (process.stderr.isTTY) process.stderr.write('\n');
    if (values.json) write(JSON.stringify(result));
    else write(`demo data loaded: ${Object.entries(result).map(([key, n]) => `${key} ${n.toLocaleString('sv-SE')}`).join(', ')}`);
    return 0;
  },
};
