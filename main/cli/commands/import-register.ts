import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { importMapping, type ImportKind, type ImportMapping, type ImportSummary } from '../../contract/calls';
import { unwrap } from '../../contract/errors';
import { UsageError, type CommandInput, type OptionsConfig } from '../command';
import { reportImport } from '../import-summary';
import { renderProgress } from '../progress-line';

const options: OptionsConfig = {
  'dry-run': { type: 'boolean' },
  strict: { type: 'boolean' },
  mapping: { type: 'string' },
};

/** `--mapping FILE`: a JSON object from field to the file's column header, e.g. {"caseNumber": "Dnr"}. */
function readMapping(file: string): ImportMapping {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(resolve(file), 'utf8'));
  } catch (error) {
    throw new UsageError(`--mapping ${file} is not a readable JSON file (${(error as Error).message})`);
  }
  const mapping = importMapping.safeParse(parsed);
  if (!mapping.success) throw new UsageError(`--mapping ${file}: ${mapping.error.issues[0]?.path.join('.') ?? ''} ${mapping.error.issues[0]?.message ?? ''}`);
  return mapping.data;
}

function runKind(kind: ImportKind) {
  return async ({ services, values }: CommandInput, file: string): Promise<number> => {
    const path = resolve(file);
    if (!existsSync(path)) throw new UsageError(`no file ${file}`);
    const mapping = typeof values.mapping === 'string' ? readMapping(values.mapping) : undefined;
    const { fileId } = services.registerFile(path);
    const args = { fileId, kind, mapping, dryRun: values['dry-run'] === true, strict: values.strict === true };
    const summary = unwrap<ImportSummary>(await services.call('import.run', args, renderProgress));
    if (process.stderr.isTTY) process.stderr.write('\n');
    return reportImport(summary, values.json === true);
  };
}

const what: Record<ImportKind, string> = {
  applications: 'applications matched on case number (diarienummer), with their applicants',
  organisations: 'organisations matched on organisation number',
  decisions: 'decisions matched on case number and decision date',
};

/** The register's kinds of `grantlens import KIND FILE`, same behaviour as the Import section. */
export const registerImportKinds = Object.fromEntries(
  (Object.keys(what) as ImportKind[]).map((kind) => [
    kind,
    {
      usage: `import ${kind} FILE --db F [--dry-run] [--strict] [--json] [--mapping FILE]
                                          import ${what[kind]}, CSV or XLSX,
                                          Swedish or English column names; exit 2 when a row was rejected`,
      options,
      run: runKind(kind),
    },
  ]),
);
