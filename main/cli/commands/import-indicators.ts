import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { indicatorFormats, type ImportSummary } from '../../contract/calls';
import { unwrap } from '../../contract/errors';
import { UsageError, type CommandInput, type OptionsConfig } from '../command';
import { reportImport } from '../import-summary';
import { renderProgress } from '../progress-line';

export const importIndicatorsOptions: OptionsConfig = {
  format: { type: 'string' },
  'dry-run': { type: 'boolean' },
  strict: { type: 'boolean' },
};

export const importIndicatorsUsage = `import indicators FILE --db F [--format csv|xlsx|kolada|jsonstat] [--dry-run] [--strict] [--json]
                                          import indicator values: Swedish CSV/XLSX (long or wide form),
                                          Kolada JSON or SCB JSON-stat; exit 2 when a row was rejected`;

export const importAreasUsage = `import areas FILE --db F [--dry-run] [--strict] [--json]
                                          import RegSO/DeSO areas: code, name, RegSO, area type 1-5, year`;

export const importDefinitionsUsage = `import definitions FILE --db F [--dry-run] [--strict] [--json]
                                          define indicators: kod, namn, enhet, bättre (högre/lägre), kön, nivåer`;

export const importAreasFile = (input: CommandInput, file: string) => importSmallFile('areas.import', input, file);
export const importDefinitionsFile = (input: CommandInput, file: string) => importSmallFile('indicators.importDefinitions', input, file);

async function importSmallFile(name: 'areas.import' | 'indicators.importDefinitions', { services, values }: CommandInput, file: string): Promise<number> {
  const { fileId } = services.registerFile(existingPath(file));
  const args = { fileId, dryRun: values['dry-run'] === true, strict: values.strict === true };
  return reportImport(unwrap<ImportSummary>(await services.call(name, args)), values.json === true);
}

function existingPath(file: string): string {
  const path = resolve(file);
  if (!existsSync(path)) throw new UsageError(`no file ${file}`);
  return path;
}

export async function importIndicatorsFile({ services, values }: CommandInput, file: string): Promise<number> {
  const format = values.format as string | undefined;
  if (format !== undefined && !(indicatorFormats as readonly string[]).includes(format)) {
    throw new UsageError(`--format takes ${indicatorFormats.join(', ')}, not "${format}"`);
  }
  const { fileId } = services.registerFile(existingPath(file));
  const args = { fileId, format, dryRun: values['dry-run'] === true, strict: values.strict === true };
  const summary = unwrap<ImportSummary>(await services.call('indicators.import', args, renderProgress));
  if (process.stderr.isTTY) process.stderr.write('\n');
  return reportImport(summary, values.json === true);
}
