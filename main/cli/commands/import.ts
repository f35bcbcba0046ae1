import { UsageError, type Command, type CommandInput, type OptionsConfig } from '../command';
import {
  importAreasFile,
  importAreasUsage,
  importDefinitionsFile,
  importDefinitionsUsage,
  importIndicatorsFile,
  importIndicatorsOptions,
  importIndicatorsUsage,
} from './import-indicators';
import { registerImportKinds } from './import-register';

interface ImportKind {
  usage: string;
  options: OptionsConfig;
  run(input: CommandInput, file: string): Promise<number>;
}

/** `grantlens import KIND FILE`: each kind of file has its own module; this only dispatches. */
const kinds: Record<string, ImportKind> = {
  indicators: { usage: importIndicatorsUsage, options: importIndicatorsOptions, run: importIndicatorsFile },
  areas: { usage: importAreasUsage, options: importIndicatorsOptions, run: importAreasFile },
  definitions: { usage: importDefinitionsUsage, options: importIndicatorsOptions, run: importDefinitionsFile },
  ...registerImportKinds,
};

export const importCommand: Command = {
  name: 'import',
  usage: Object.values(kinds)
    .map((kind) => kind.usage)
    .join('\n'),
  positionals: 2,
  options: Object.assign({}, ...Object.values(kinds).map((kind) => kind.options)) as OptionsConfig,
  async run(input) {
    const [kind, file] = input.positionals;
    const handler = kind === undefined ? undefined : kinds[kind];
    if (!handler) throw new UsageError(`import what? ${Object.keys(kinds).join(' or ')}, not "${kind ?? ''}"`);
    if (!file) throw new UsageError(`import ${kind} needs a FILE`);
    return handler.run(input, file);
  },
};
