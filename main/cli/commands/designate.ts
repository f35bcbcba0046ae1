import { readFileSync } from 'node:fs';
import type { DesignationResult } from '../../contract/calls';
import { AppError, unwrap } from '../../contract/errors';
import { formatResult } from '../../services/indicators/designation';
import { UsageError, write, type Command } from '../command';

// The CLI writes Swedish CSV (`;`, decimal comma), headers included, as `export applications` does.
const swedishCsvHeaders = { code: 'Kommunkod', name: 'Kommun' };

function readRule(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new UsageError(`cannot read the rule file ${file}`);
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new AppError('INVALID_ARGUMENT', `${file} is not valid JSON: ${(error as Error).message}`);
  }
}

export const designateCommand: Command = {
  name: 'designate',
  usage: `designate --db FILE --rule RULE.json [--format csv|json]
                                          the municipalities a designation rule selects, with the
                                          figures behind each (rule: {name, combine, conditions})`,
  arguments: [],
  options: { rule: { type: 'string' }, format: { type: 'string' } },
  async run({ services, values }) {
    const file = values.rule;
    if (typeof file !== 'string') throw new UsageError('designate needs --rule FILE');
    const format = values.format ?? (values.json ? 'json' : undefined);
    if (format !== undefined && format !== 'csv' && format !== 'json') throw new UsageError(`--format takes csv or json, not "${String(format)}"`);
    const result = unwrap<DesignationResult>(await services.call('designation.run', { rule: readRule(file) }));
    if (format) {
      process.stdout.write(formatResult(result, format, swedishCsvHeaders));
      return 0;
    }
    for (const condition of result.conditions) {
      const figure = (value: number | null) => (value === null ? '–' : value.toLocaleString('sv-SE', { maximumFractionDigits: 2 }));
      write(`${condition.indicator} ${condition.period} ${condition.sex}: mean ${figure(condition.mean)}, SD ${figure(condition.sd)}, threshold ${figure(condition.threshold)} (${condition.municipalitiesWithValue} municipalities with a value)`);
    }
    const qualifying = result.rows.filter((row) => row.qualifies);
    write(`${qualifying.length} municipalities qualify:`);
    for (const row of qualifying) write(`  ${row.code} ${row.name}  ${row.values.map((value) => (value === null ? '–' : value.toLocaleString('sv-SE'))).join('  ')}`);
    return 0;
  },
};
