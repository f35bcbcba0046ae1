import { indicatorFormats, type ImportSummary } from '../../contract/calls';
import { unwrap } from '../../contract/errors';
import { UsageError, type Command, type CommandInput } from '../command';
import { existingPath, importFlags, importOptions, reportImport } from '../import-summary';
import { renderProgress } from '../progress-line';

export const importIndicatorsCommand: Command = {
  name: 'import indicators',
  usage: `import indicators FILE --db F [--format csv|xlsx|kolada|jsonstat] [--indicator CODE] [--define-indicators] [--dry-run] [--strict] [--json]
                                          import indicator values: Swedish CSV/XLSX (long or wide form),
                                          Kolada JSON or SCB JSON-stat; indicators by code or by name;
                                          --indicator: every value is of CODE, whatever the file names;
                                          --define-indicators: define the codes the store lacks from the file;
                                          exit 2 when a row was rejected or the file has no rows`,
  options: { ...importOptions, format: { type: 'string' }, indicator: { type: 'string' }, 'define-indicators': { type: 'boolean' } },
  arguments: ['FILE'],
  async run({ services, positionals: [file], values }) {
    const format = values.format as string | undefined;
    if (format !== undefined && !(indicatorFormats as readonly string[]).includes(format)) {
      throw new UsageError(`--format takes ${indicatorFormats.join(', ')}, not "${format}"`);
    }
    const { fileId } = services.registerFile(existingPath(file!));
    const indicator = values.indicator as string | undefined;
    const defineIndicators = values['define-indicators'] === true;
    const summary = unwrap<ImportSummary>(
      await services.call('indicators.import', { fileId, format, indicator, defineIndicators, ...importFlags(values) }, renderProgress),
    );
    if (process.stderr.isTTY) process.stderr.write('\n');
    return reportImport(summary, values.json === true);
  },
};

/** Area and definition files are small: one call, no progress. */
function smallFileCommand(name: string, call: 'areas.import' | 'indicators.importDefinitions', usage: string): Command {
  return {
    name,
    usage,
    options: importOptions,
    arguments: ['FILE'],
    async run({ services, positionals: [file], values }: CommandInput) {
      const { fileId } = services.registerFile(existingPath(file!));
      return reportImport(unwrap<ImportSummary>(await services.call(call, { fileId, ...importFlags(values) })), values.json === true);
    },
  };
}

export const importAreasCommand = smallFileCommand(
  'import areas',
  'areas.import',
  `import areas FILE --db F [--dry-run] [--strict] [--json]
                                          import RegSO/DeSO areas: code, name, RegSO, area type 1-5, year`,
);

export const importDefinitionsCommand = smallFileCommand(
  'import definitions',
  'indicators.importDefinitions',
  `import definitions FILE --db F [--dry-run] [--strict] [--json]
                                          define indicators: kod, namn, enhet, bättre (högre/lägre), kön, nivåer;
                                          or name them from Kolada's KPI metadata (/v2/kpi JSON)`,
);
