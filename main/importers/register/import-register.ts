import type { Database } from 'better-sqlite3';
import { emptySummary, importFieldsByKind, UPDATES_DESCRIBED, type ImportField, type ImportKind, type ImportMapping, type RegisterImportSummary } from '../../contract/calls';
import { AppError } from '../../contract/errors';
import { textLimits, type TextField } from '../../contract/field-rules';
import { localDay } from '../../contract/local-day';
import type { ReportProgress } from '../../domain/progress';
import { beginEdit } from '../../domain/audit';
import { addReject } from '../../domain/reject-reasons';
import { statement } from '../../store/statement-cache';
import { runImport } from '../import-transaction';
import { detectDecimalMark } from '../tabular/numbers';
import { openTabular } from '../tabular/open-tabular';
import type { TabularRow, TabularSource } from '../tabular/tabular-source';
import { ApplicationRows } from './application-rows';
import { recogniseMapping } from './column-names';
import { DecisionRows } from './decision-rows';
import { OrganisationRows } from './organisation-rows';
import { checkText, FieldProblem, fieldReaders } from './parse-fields';
import { Geography } from './register-lookups';
import { deferSearchIndex } from './search-index';
import { RowChanges } from './update-diff';
import { given, type Outcome, type RowContext, type RowFields } from './row-outcome';

export interface ImportOptions {
  kind: ImportKind;
  mapping?: ImportMapping | undefined;
  dryRun: boolean;
  strict: boolean;
  progress: ReportProgress;
}

/** The field each kind cannot do without: the key it is matched on. */
const requiredFields: Record<ImportKind, ImportField[]> = {
  applications: ['caseNumber'],
  organisations: ['orgNumber'],
  decisions: ['caseNumber', 'decidedOn', 'grantedOre'],
};

const amountFields: ImportField[] = ['requestedOre', 'grantedOre', 'evaluationOre'];
const SAMPLE_ROWS = 50;

/** The mapping to use: the one given, checked against the file's headers, or the recognised one. */
export function resolveMapping(kind: ImportKind, headers: readonly string[], given: ImportMapping | undefined): Map<ImportField, number> {
  const mapping = given ?? recogniseMapping(kind, headers);
  const columns = new Map<ImportField, number>();
  for (const [field, header] of Object.entries(mapping) as [ImportField, string][]) {
    if (!importFieldsByKind[kind].includes(field)) throw new AppError('INVALID_ARGUMENT', `A ${kind} file has no field "${field}".`);
    const index = headers.indexOf(header);
    if (index < 0) throw new AppError('INVALID_ARGUMENT', `The file has no column "${header}" (mapped to ${field}).`, { headers });
    columns.set(field, index);
  }
  const missing = requiredFields[kind].filter((field) => !columns.has(field));
  if (missing.length > 0) {
    throw new AppError('COLUMNS_MISSING', `The file has no column for ${missing.join(', ')}; map one with a mapping.`, { fields: missing });
  }
  return columns;
}

function isTextField(field: ImportField): field is ImportField & TextField {
  return Object.hasOwn(textLimits, field);
}

/** A row's cells by field, its free-text cells checked by the rules the edit form has. */
function fieldsOfRow(row: TabularRow, columns: Map<ImportField, number>): RowFields {
  const fields: RowFields = {};
  for (const [field, index] of columns) {
    const cell = row.cells[index] ?? '';
    if (isTextField(field)) checkText(field, cell.trim());
    fields[field] = cell;
  }
  return fields;
}

async function readSample(rows: AsyncIterator<TabularRow>): Promise<{ sample: TabularRow[]; done: boolean }> {
  const sample: TabularRow[] = [];
  while (sample.length < SAMPLE_ROWS) {
    const next = await rows.next();
    if (next.done) return { sample, done: true };
    sample.push(next.value);
  }
  return { sample, done: false };
}

function writerFor(db: Database, kind: ImportKind, context: RowContext): (fields: RowFields) => Outcome {
  const organisations = new OrganisationRows(db, context);
  if (kind === 'organisations') return (fields) => organisations.apply(fields, true).outcome;
  if (kind === 'decisions') {
    const decisions = new DecisionRows(db, context);
    return (fields) => decisions.apply(fields);
  }
  const applications = new ApplicationRows(db, context, organisations);
  return (fields) => applications.apply(fields);
}

/**
 * Imports a CSV or XLSX file of applications, organisations or decisions, streamed row by row, in
 * one transaction: valid rows are written and rejected ones reported with row, column and reason.
 * A dry run, or a strict import with a rejected row, rolls everything back; so does any failure
 * midway, leaving the store as it was.
 */
export async function importRegister(db: Database, path: string, options: ImportOptions): Promise<RegisterImportSummary> {
  const source = await openTabular(path);
  try {
    return await importFrom(db, source, options);
  } finally {
    await source.close();
  }
}

async function importFrom(db: Database, source: TabularSource, options: ImportOptions): Promise<RegisterImportSummary> {
  const columns = resolveMapping(options.kind, source.headers, options.mapping);
  const headerOf = (field: ImportField) => source.headers[columns.get(field)!] ?? field;
  const rows = source.rows()[Symbol.asyncIterator]();
  const { sample, done } = await readSample(rows);
  // An XLSX number cell reads as text with a decimal point; a `,` separator makes that the default mark,
  // so öre further down than the sample are still read as öre.
  const separator = source.format.kind === 'csv' ? source.format.separator : ',';
  const amounts = sample.flatMap((row) => amountFields.flatMap((field) => (columns.has(field) ? [row.cells[columns.get(field)!] ?? ''] : [])));
  const read = fieldReaders(detectDecimalMark(amounts.filter((cell) => cell.trim() !== ''), separator));

  const summary: RegisterImportSummary = { ...emptySummary(options.dryRun), updates: [] };

  // Each row's savepoint journals the pages it changes: in memory that is a copy, in a temp file a
  // system call per page.
  return runImport(db, { dryRun: options.dryRun, strict: options.strict, pragmas: { temp_store: 'MEMORY' } }, async (transaction) => {
    const searchIndex = deferSearchIndex(db);
    const edit = new RowChanges(db, beginEdit(db, 'import'));
    const context: RowContext = { read, geography: new Geography(db), edit, today: localDay() };
    const write = writerFor(db, options.kind, context);
    const handle = (row: TabularRow) => {
      summary.rows++;
      try {
        edit.nextRow();
        const fields = fieldsOfRow(row, columns);
        // A rejected row leaves nothing behind, not even the organisation it would have created.
        const outcome = transaction.row(() => write(fields));
        summary[outcome]++;
        summary.accepted++;
        if (outcome === 'updated' && summary.updates.length < UPDATES_DESCRIBED) {
          summary.updates.push(edit.describe(row.row, given(fields, 'caseNumber') ?? given(fields, 'orgNumber') ?? given(fields, 'organisation') ?? ''));
        }
      } catch (error) {
        if (!(error instanceof FieldProblem)) throw error;
        addReject(summary, { row: row.row, field: headerOf(error.field), code: error.code, params: error.params, reason: error.message });
      }
      options.progress('import', source.bytesRead(), source.size);
    };
    sample.forEach(handle);
    if (!done) {
      for (;;) {
        const next = await rows.next();
        if (next.done) break;
        handle(next.value);
      }
    }
    options.progress('import', source.size, source.size);
    transaction.beforeCommit(() => {
      searchIndex.catchUp(context.edit.id);
      if (summary.inserted + summary.updated === 0) statement(db, 'DELETE FROM edits WHERE id = ?').run(context.edit.id);
    });
    return summary;
  });
}

/** The preview before an import: the headers, the recognised mapping and the first rows as they read. */
export async function previewImport(path: string, kind: ImportKind) {
  const source = await openTabular(path);
  try {
    const sample: string[][] = [];
    for await (const row of source.rows()) {
      sample.push(row.cells);
      if (sample.length === 10) break;
    }
    const format =
      source.format.kind === 'csv'
        ? `CSV, ${source.format.encoding}${source.format.bom ? ' (BOM)' : ''}, "${source.format.separator === '\t' ? 'tab' : source.format.separator}"`
        : `XLSX, ${source.format.sheet}`;
    return { headers: source.headers, mapping: recogniseMapping(kind, source.headers), sample, format };
  } finally {
    await source.close();
  }
}
