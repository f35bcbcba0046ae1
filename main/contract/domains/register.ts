import { z } from 'zod';
import { call } from '../call-spec';
import { amountOre, plainText } from '../field-rules';
import { editLog } from '../tables';
import { applicationCell } from './crosstab';
import { fileId } from './files';
import { importSummary } from './imports';
import { gridQuery, pageArgs, pageResult, rowCount, rowId } from './paging';
import { applicantTypes, noArgs, paymentKinds, reportKinds, stages, statuses } from './store';

// The applications and grants register: grids paged in SQLite, the detail and edit of one
// application with its history, the budget check per call, import and export.

export const applicationColumns = [
  'caseNumber',
  'title',
  'organisation',
  'orgNumber',
  'applicantType',
  'municipality',
  'county',
  'callYear',
  'firstYear',
  'lastYear',
  'stage',
  'status',
  'requestedOre',
  'grantedOre',
  'includesEvaluation',
  'receivedOn',
] as const;
/**
 * Grid columns computed per shown row from an application's payments and reports (one indexed
 * lookup each). Not sorted, filtered or exported: no index orders applications by them, and an
 * import would not read them back.
 */
export const applicationFollowUpColumns = ['paidOre', 'nextReportOn'] as const;
export const applicationGridColumns = [...applicationColumns, ...applicationFollowUpColumns] as const;
export const applicationSortable = [
  'caseNumber',
  'title',
  'firstYear',
  'stage',
  'status',
  'requestedOre',
  'grantedOre',
  'receivedOn',
] as const;
/** Every stored column can be filtered: the ones that are not base-table columns through a subquery. */
export const applicationFilterable = applicationColumns;

/** The applications grid's view, which a cross-tab cell may narrow to its applications (empty: not narrowed). */
const crosstabCell = { crosstabCell: applicationCell.default([]) };
const applicationQuery = gridQuery(applicationSortable, applicationFilterable).extend(crosstabCell);
const applicationPageArgs = pageArgs(applicationSortable, applicationFilterable).extend(crosstabCell);

export const applicationRow = z.object({
  id: z.number().int(),
  caseNumber: z.string(),
  title: z.string(),
  organisation: z.string(),
  orgNumber: z.string().nullable(),
  applicantType: z.enum(applicantTypes),
  municipality: z.string().nullable(),
  county: z.string().nullable(),
  callYear: z.number().int(),
  firstYear: z.number().int(),
  lastYear: z.number().int(),
  stage: z.enum(stages),
  status: z.enum(statuses),
  requestedOre: z.number().int(),
  grantedOre: z.number().int(),
  includesEvaluation: z.number().int(),
  receivedOn: z.string(),
  /** Paid minus repaid under the application's decisions. */
  paidOre: z.number().int(),
  /** The earliest due date of its reports not yet received; null when none is outstanding. */
  nextReportOn: z.string().nullable(),
});

export const organisationColumns = ['name', 'orgNumber', 'type', 'municipality', 'county', 'applications'] as const;
export const organisationSortable = ['name'] as const;
export const organisationFilterable = ['name', 'orgNumber', 'type', 'municipality', 'county'] as const;

export const organisationRow = z.object({
  id: z.number().int(),
  name: z.string(),
  orgNumber: z.string().nullable(),
  type: z.enum(applicantTypes),
  municipality: z.string().nullable(),
  county: z.string().nullable(),
  applications: z.number().int(),
});

const year = z.number().int().min(2000).max(2100);

/** The fields of an application a user may edit; each is checked here and its error shown beside it. */
export const applicationChanges = z
  .strictObject({
    title: plainText('title').min(1, 'A title is needed'),
    summary: plainText('summary'),
    stage: z.enum(stages),
    status: z.enum(statuses),
    municipalityCode: z.string().max(4).regex(/^\d{4}$/, 'a municipality code of four digits').nullable(),
    targetAreas: plainText('targetAreas'),
    firstYear: year,
    lastYear: year,
    requestedOre: amountOre,
    includesEvaluation: z.boolean(),
    evaluationOre: amountOre.nullable(),
  })
  .partial();

/** The row a change was made to, by what a person recognises of it; null once the row is gone. */
export const rowSubject = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('application'), caseNumber: z.string() }),
    z.object({ kind: z.literal('decision'), decidedOn: z.string(), grantedOre: z.number().int() }),
    z.object({ kind: z.literal('payment'), paymentKind: z.enum(paymentKinds), paidOn: z.string(), amountOre: z.number().int() }),
    z.object({ kind: z.literal('report'), reportKind: z.enum(reportKinds), dueOn: z.string() }),
  ])
  .nullable();

const auditEntry = z.object({
  editId: z.number().int(),
  madeAt: z.string(),
  madeBy: z.string(),
  action: z.enum(['update', 'insert', 'import', 'undo']),
  undone: z.boolean(),
  subject: rowSubject,
  table: z.string(),
  field: z.string().nullable(),
  oldValue: z.union([z.string(), z.number()]).nullable(),
  newValue: z.union([z.string(), z.number()]).nullable(),
});

export const reportTimeliness = ['pending', 'overdue', 'on_time', 'late'] as const;

export const applicationDetail = z.object({
  id: z.number().int(),
  caseNumber: z.string(),
  title: z.string(),
  summary: z.string(),
  stage: z.enum(stages),
  status: z.enum(statuses),
  municipalityCode: z.string().nullable(),
  municipality: z.string().nullable(),
  targetAreas: z.string(),
  firstYear: z.number().int(),
  lastYear: z.number().int(),
  requestedOre: z.number().int(),
  grantedOre: z.number().int(),
  includesEvaluation: z.boolean(),
  evaluationOre: z.number().int().nullable(),
  receivedOn: z.string(),
  call: z.object({ id: z.number().int(), year: z.number().int(), programme: z.string(), title: z.string() }),
  organisation: z.object({ id: z.number().int(), name: z.string(), orgNumber: z.string().nullable(), type: z.enum(applicantTypes) }),
  partners: z.array(z.object({ organisationId: z.number().int(), name: z.string(), role: z.enum(['co_applicant', 'partner']) })),
  requestedByYear: z.array(z.object({ year: z.number().int(), requestedOre: z.number().int() })),
  statusHistory: z.array(z.object({ status: z.enum(statuses), changedOn: z.string() })),
  decisions: z.array(
    z.object({
      id: z.number().int(),
      decidedOn: z.string(),
      grantedOre: z.number().int(),
      conditions: z.string().nullable(),
      byYear: z.array(z.object({ year: z.number().int(), grantedOre: z.number().int() })),
    }),
  ),
  payments: z.array(z.object({ id: z.number().int(), kind: z.enum(paymentKinds), paidOn: z.string(), amountOre: z.number().int() })),
  reports: z.array(
    z.object({
      id: z.number().int(),
      kind: z.enum(reportKinds),
      dueOn: z.string(),
      receivedOn: z.string().nullable(),
      /** Received after its due date, or not received and past it. */
      timeliness: z.enum(reportTimeliness),
    }),
  ),
  history: z.array(auditEntry),
});

export const lastEdit = z
  .object({
    editId: z.number().int(),
    madeAt: z.string(),
    madeBy: z.string(),
    /** An insert is undone by deleting the row it added. */
    action: z.enum(['update', 'insert']),
    table: z.string(),
    rowId: z.number().int(),
    fields: z.array(z.string()),
    subject: rowSubject,
  })
  .nullable();

/** Undo's offer: the user's newest edit still undoable, or, when an import closed the stack, that import's time. */
export const undoState = z.object({ next: lastEdit, closedByImportAt: z.string().nullable() });

export const budgetRow = z.object({
  callId: z.number().int(),
  year: z.number().int(),
  programme: z.string(),
  budgetOre: z.number().int(),
  earmarkedOre: z.number().int(),
  grantedOre: z.number().int(),
  /** Granted to municipalities the call earmarks money for. */
  grantedEarmarkedOre: z.number().int(),
  overBudget: z.boolean(),
  /** What went elsewhere leaves less than the earmarked share for the earmarked municipalities. */
  earmarkAtRisk: z.boolean(),
});

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

export const gridNames = ['applications', 'organisations'] as const;
export const savedView = z.object({ id: z.number().int(), grid: z.string(), name: z.string(), state: z.string() });

export const importKinds = ['applications', 'organisations', 'decisions'] as const;
export const importFields = [
  'caseNumber',
  'title',
  'summary',
  'organisation',
  'orgNumber',
  'applicantType',
  'municipality',
  'county',
  'callYear',
  'firstYear',
  'lastYear',
  'stage',
  'status',
  'requestedOre',
  'grantedOre',
  'includesEvaluation',
  'evaluationOre',
  'receivedOn',
  'decidedOn',
  'conditions',
] as const;
/** The fields each kind of file may carry. */
export const importFieldsByKind: Record<(typeof importKinds)[number], readonly (typeof importFields)[number][]> = {
  applications: importFields.filter((field) => field !== 'conditions'),
  organisations: ['organisation', 'orgNumber', 'applicantType', 'municipality', 'county'],
  decisions: ['caseNumber', 'decidedOn', 'grantedOre', 'conditions'],
};

/** Which file column (by its header) feeds which field; a field left out is not imported. */
export const importMapping = z.partialRecord(z.enum(importFields), z.string().max(200));

export const importArgs = z.strictObject({
  fileId,
  kind: z.enum(importKinds),
  /** Left out: the usual Swedish and English column names are recognised. */
  mapping: importMapping.optional(),
  dryRun: z.boolean().default(false),
  /** Import nothing if any row is rejected. */
  strict: z.boolean().default(false),
});

export const importPreview = z.object({
  headers: z.array(z.string()),
  mapping: importMapping,
  sample: z.array(z.array(z.string())),
  format: z.string(),
});

/** How many updated rows a register import's summary describes field by field; `updated` counts them all. */
export const UPDATES_DESCRIBED = 200;

const changedValue = z.union([z.string().max(2000), z.number(), z.null()]);

/**
 * One updated row of a register file, field by field. Values are the store's: amounts in öre,
 * statuses, stages and types as their keys, yes/no as 1/0, an applicant as its name and number, a
 * municipality or county by name, a call by its year; null where there was none.
 */
export const rowUpdate = z.object({
  row: z.number().int(),
  /** What the row is matched on: the case number, or for an organisations file the organisation number or name. */
  key: z.string().max(200),
  changes: z.array(z.object({ field: z.enum(importFields), before: changedValue, after: changedValue })).max(importFields.length * 2),
  /** The application moves to another organisation: an update to call out, not to let pass in a list. */
  movesApplicant: z.boolean(),
});

export const registerImportSummary = importSummary.extend({
  /** The first UPDATES_DESCRIBED updated rows, described (a dry run shows them before anything is written). */
  updates: z.array(rowUpdate).max(UPDATES_DESCRIBED),
});

export const exportArgs = z.strictObject({
  fileId,
  format: z.enum(['csv', 'xlsx']),
  query: applicationQuery,
  /** The grid's visible columns in their order, with the headers as shown. */
  columns: z
    .array(z.strictObject({ key: z.enum(applicationColumns), header: z.string().max(200) }))
    .min(1)
    .max(applicationColumns.length),
  language: z.enum(['sv', 'en']).default('sv'),
});

export const registerCalls = {
  'applications.page': call(applicationPageArgs, pageResult(applicationRow)),
  'applications.count': call(applicationQuery, rowCount),
  'applications.get': call(z.strictObject({ id: rowId }), applicationDetail),
  'applications.update': call(z.strictObject({ id: rowId, changes: applicationChanges }), applicationDetail, {
    writes: ['applications', 'application_years', 'status_transitions', ...editLog],
  }),
  'organisations.page': call(pageArgs(organisationSortable, organisationFilterable), pageResult(organisationRow)),
  'organisations.count': call(gridQuery(organisationSortable, organisationFilterable), rowCount),
  'register.lastEdit': call(noArgs, undoState),
  // Any edit can be undone, so undo may write back to any table an edit writes.
  'register.undo': call(noArgs, undoState, {
    writes: ['applications', 'application_years', 'status_transitions', 'decisions', 'decision_years', 'payments', 'reports', ...editLog],
  }),
  'calls.budget': call(noArgs, z.array(budgetRow)),
  'views.list': call(z.strictObject({ grid: z.enum(gridNames) }), z.array(savedView)),
  'views.save': call(
    z.strictObject({ grid: z.enum(gridNames), name: z.string().trim().min(1).max(100), state: z.string().max(20_000).refine(isJson, 'not JSON') }),
    savedView,
    { writes: ['saved_views'] },
  ),
  'views.delete': call(z.strictObject({ id: rowId }), z.object({ deleted: z.boolean() }), { writes: ['saved_views'] }),
  'import.preview': call(z.strictObject({ fileId, kind: z.enum(importKinds) }), importPreview),
  'import.run': call(importArgs, registerImportSummary, {
    progress: true,
    writes: ['organisations', 'grant_calls', 'applications', 'application_years', 'status_transitions', 'decisions', 'decision_years', ...editLog],
  }),
  'applications.export': call(exportArgs, z.object({ rows: z.number().int() }), { progress: true }),
};

export type ApplicationRow = z.output<typeof applicationRow>;
export type OrganisationRow = z.output<typeof organisationRow>;
export type ApplicationDetail = z.output<typeof applicationDetail>;
export type ApplicationChanges = z.output<typeof applicationChanges>;
export type LastEdit = z.output<typeof lastEdit>;
export type UndoState = z.output<typeof undoState>;
export type RowSubject = z.output<typeof rowSubject>;
export type BudgetRow = z.output<typeof budgetRow>;
export type SavedView = z.output<typeof savedView>;
export type ImportKind = (typeof importKinds)[number];
export type ImportField = (typeof importFields)[number];
export type ImportMapping = z.output<typeof importMapping>;
export type ImportArgs = z.output<typeof importArgs>;
export type ExportArgs = z.output<typeof exportArgs>;
export type RowUpdate = z.output<typeof rowUpdate>;
export type RegisterImportSummary = z.output<typeof registerImportSummary>;
export type ApplicationColumn = (typeof applicationColumns)[number];
export type ApplicationGridColumn = (typeof applicationGridColumns)[number];
export type ApplicationFollowUpColumn = (typeof applicationFollowUpColumns)[number];
