import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { importMapping, type ImportKind, type ImportMapping, type ImportSummary } from '../../contract/calls';
import { unwrap } from '../../contract/errors';
import { UsageError, type Command } from '../command';
import { existingPath, importFlags, importOptions, reportImport } from '../import-summary';
import { renderProgress } from '../progress-line';

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

const what: Record<ImportKind, string> = {
  applications: 'applications matched on case number (diarienummer), with their applicants',
  organisations: 'organisations matched on organisation number',
  decisions: 'decisions matched on case number and decision date',
};

/** The register's `grantlens import KIND FILE` commands, same behaviour as the Import section. */
export const registerImportCommands: Command[] = (Object.keys(what) as ImportKind[]).map((kind) => ({
  name: `import ${kind}`,
  usage: `import ${kind} FILE --db F [--dry-run] [--strict] [--json] [--mapping FILE]
                                          import ${what[kind]}, CSV or XLSX,
                                          Swedish or English column names; exit 2 when a row was rejected`,
  options: { ...importOptions, mapping: { type: 'string' } },
  arguments: ['FILE'],
  async run({ services, positionals: [file], values }) {
    const path = existingPath(file!);
    const mapping = typeof values.mapping === 'string' ? readMapping(values.mapping) : undefined;
    const { fileId } = services.registerFile(path);
    const summary = unwrap<ImportSummary>(await services.call('import.run', { fileId, kind, mapping, ...importFlags(values) }, renderProgress));
    if (process.stderr.isTTY) process.stderr.write('\n');
    return reportImport(summary, values.json === true);
  },
}));
