import { editLog, evaluationTables } from '../tables';
import { z } from 'zod';
import { rowId } from './paging';
import { call } from '../call-spec';
import { calendarDay, indicatorValue, requiredText } from '../field-rules';
import { fileId } from './files';
import { grantStatuses, statusReason, trackedIndicatorFollowUp } from './evaluation';
import { indicatorSexes } from './indicators';
import { reportKinds } from './store';

// What an evaluator records per grant (migration 0007), the grant's page that shows it with its
// follow-up and status, and the portfolio's dashboard and timeline. Edits go through one `save`
// call whose `record` says which kind of row it is and one `delete`, each a write.

const id = rowId;
const day = calendarDay;
const year = z.number().int().min(1900).max(2100);
const text = (max: number) => z.string().trim().min(1).max(max);

export const planKinds = ['self_evaluation', 'external_evaluation', 'follow_research'] as const;
export const planMethods = ['before_after', 'comparison_areas', 'did', 'qualitative'] as const;
export const milestoneKinds = ['milestone', 'deliverable'] as const;
export const milestoneStatuses = ['planned', 'in_progress', 'done', 'cancelled'] as const;
export const evidenceTypes = ['register_data', 'survey', 'interviews', 'observation', 'document_review', 'case_study', 'other'] as const;
export const findingStrengths = ['weak', 'moderate', 'strong'] as const;
export const riskLevels = ['low', 'medium', 'high'] as const;
export const trackedLevels = ['country', 'county', 'municipality', 'regso', 'deso'] as const;
/** As 0007's CHECK holds it: 25 MiB. */
export const ATTACHMENT_MAX_BYTES = 25 * 1024 * 1024;

/** The rows `delete` takes; targets and comparison places are saved whole with their tracked indicator. */
export const evaluationRecords = ['plan', 'outcome', 'tracked', 'milestone', 'finding', 'risk', 'note', 'attachment'] as const;

const planRecord = z.strictObject({
  record: z.literal('plan'),
  /** Left out: a new plan for the application. */
  id: id.optional(),
  applicationId: id,
  kind: z.enum(planKinds),
  evaluator: z.string().trim().max(200),
  method: z.enum(planMethods),
  startsOn: day,
  endsOn: day,
  /** The evaluation questions in order; saving replaces them (findings keep theirs while the text at that position stays). */
  questions: z.array(text(2000)).max(50),
});
const outcomeRecord = z.strictObject({ record: z.literal('outcome'), id: id.optional(), planId: id, title: requiredText('outcomeTitle') });
/** A tracked indicator: its baseline is the store's value for the place in `baselineYear`, read by the service. */
const trackedRecord = z.strictObject({
  record: z.literal('tracked'),
  outcomeId: id,
  indicator: text(40),
  sex: z.enum(indicatorSexes).default('T'),
  level: z.enum(trackedLevels),
  geo: text(20),
  baselineYear: year,
});
const targetsRecord = z.strictObject({
  record: z.literal('targets'),
  trackedId: id,
  targets: z.array(z.strictObject({ year, value: indicatorValue })).max(100),
});
/** The comparison places in full; `suggest` in place of places asks the service for the nearest `count`. */
const comparisonsRecord = z.strictObject({
  record: z.literal('comparisons'),
  trackedId: id,
  places: z.union([z.array(text(20)).max(500), z.strictObject({ suggest: z.number().int().min(1).max(50) })]),
});
const milestoneRecord = z.strictObject({
  record: z.literal('milestone'),
  id: id.optional(),
  planId: id,
  kind: z.enum(milestoneKinds),
  title: requiredText('milestoneTitle'),
  dueOn: day,
  status: z.enum(milestoneStatuses),
  doneOn: day.nullable().default(null),
  /** One of the grant's reports in the register, linked, not copied. */
  reportId: id.nullable().default(null),
});
const findingRecord = z.strictObject({
  record: z.literal('finding'),
  id: id.optional(),
  planId: id,
  questionId: id.nullable().default(null),
  statement: requiredText('findingStatement'),
  evidenceType: z.enum(evidenceTypes),
  strength: z.enum(findingStrengths),
  foundOn: day,
  source: z.string().trim().max(1000).default(''),
  attachmentId: id.nullable().default(null),
});
const riskRecord = z.strictObject({
  record: z.literal('risk'),
  id: id.optional(),
  planId: id,
  description: text(2000),
  likelihood: z.enum(riskLevels),
  impact: z.enum(riskLevels),
  mitigation: z.string().trim().max(2000).default(''),
  status: z.enum(['open', 'closed']),
  notedOn: day,
});
/** Changing a note changes its text only: who wrote it and when stay, the audit log says who changed it. */
const noteRecord = z.strictObject({ record: z.literal('note'), id: id.optional(), planId: id, body: requiredText('noteBody') });
/**
 * The file's bytes as base64. The bound lets a little more than the cap through, so a file just
 * above it gets the typed ATTACHMENT_TOO_LARGE with its size rather than a schema error.
 */
const attachmentRecord = z.strictObject({
  record: z.literal('attachment'),
  planId: id,
  name: text(255).regex(/^[^/\\]*$/, 'a file name, not a path'),
  mime: text(255),
  contentBase64: z.string().max(Math.ceil((ATTACHMENT_MAX_BYTES * 2) / 3) * 4).regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64'),
});

export const saveArgs = z.discriminatedUnion('record', [
  planRecord,
  outcomeRecord,
  trackedRecord,
  targetsRecord,
  comparisonsRecord,
  milestoneRecord,
  findingRecord,
  riskRecord,
  noteRecord,
  attachmentRecord,
]);

const attachmentMeta = z.object({ id, name: z.string(), mime: z.string(), size: z.number().int(), sha256: z.string(), addedOn: z.string() });

export const grantPageArgs = z.strictObject({ applicationId: id, today: day.optional() });

const trackedRow = z.object({
  id,
  outcomeId: id,
  level: z.enum(trackedLevels),
  unit: z.string(),
  targets: z.array(z.object({ year: z.number().int(), value: z.number() })).max(100),
  comparisons: z.array(z.object({ geo: z.string(), name: z.string(), chosenBy: z.enum(['evaluator', 'suggested']) })).max(500),
  followUp: trackedIndicatorFollowUp,
});

export const grantPage = z.object({
  today: z.string(),
  grant: z.object({
    applicationId: id,
    caseNumber: z.string(),
    title: z.string(),
    organisation: z.string(),
    municipality: z.string().nullable(),
    municipalityCode: z.string().nullable(),
    firstYear: z.number().int(),
    lastYear: z.number().int(),
    grantedOre: z.number().int(),
    followResearch: z.boolean(),
  }),
  /** The grant's latest plan; null until one is made. */
  plan: z
    .object({
      id,
      kind: z.enum(planKinds),
      evaluator: z.string(),
      method: z.enum(planMethods),
      startsOn: z.string(),
      endsOn: z.string(),
      questions: z.array(z.object({ id, position: z.number().int(), question: z.string() })).max(50),
    })
    .nullable(),
  outcomes: z.array(z.object({ id, position: z.number().int(), title: z.string() })).max(500),
  tracked: z.array(trackedRow).max(1000),
  milestones: z
    .array(
      z.object({
        id,
        kind: z.enum(milestoneKinds),
        title: z.string(),
        dueOn: z.string(),
        status: z.enum(milestoneStatuses),
        doneOn: z.string().nullable(),
        reportId: id.nullable(),
        overdueDays: z.number().int().nullable(),
      }),
    )
    .max(2000),
  /** The register's reports of the grant, as the register has them now. */
  reports: z.array(z.object({ id, kind: z.enum(reportKinds), dueOn: z.string(), receivedOn: z.string().nullable() })).max(1000),
  findings: z
    .array(
      z.object({
        id,
        questionId: id.nullable(),
        statement: z.string(),
        evidenceType: z.enum(evidenceTypes),
        strength: z.enum(findingStrengths),
        foundOn: z.string(),
        source: z.string(),
        attachmentId: id.nullable(),
      }),
    )
    .max(2000),
  risks: z
    .array(
      z.object({
        id,
        description: z.string(),
        likelihood: z.enum(riskLevels),
        impact: z.enum(riskLevels),
        mitigation: z.string(),
        status: z.enum(['open', 'closed']),
        notedOn: z.string(),
      }),
    )
    .max(2000),
  notes: z.array(z.object({ id, writtenAt: z.string(), writtenBy: z.string(), body: z.string() })).max(5000),
  attachments: z.array(attachmentMeta).max(1000),
  status: z.enum(grantStatuses),
  reasons: z.array(statusReason).max(10_000),
});

export const dashboardArgs = z.strictObject({ today: day.optional() });

const grantRef = { applicationId: id, caseNumber: z.string(), title: z.string() };
const deadline = z.object({ ...grantRef, source: z.enum(['milestone', 'report']), what: z.string(), dueOn: z.string(), days: z.number().int() });

export const dashboard = z.object({
  today: z.string(),
  counts: z.record(z.enum(grantStatuses), z.number().int()),
  /** Open milestones and reports due from today to 90 days ahead, soonest first; `days` <= 30 are the nearer ones. */
  deadlines: z.array(deadline).max(100_000),
  overdueReports: z.array(deadline).max(100_000),
  againstTarget: z.array(z.object({ ...grantRef, ...trackedIndicatorFollowUp.pick({ indicator: true, indicatorName: true, sex: true, geo: true, geoName: true }).shape })).max(100_000),
  grants: z.array(z.object({ ...grantRef, status: z.enum(grantStatuses), reasons: z.array(statusReason).max(10_000) })).max(1_000_000),
  /** The Gantt chart's rows: each grant's span (its plan's, else its years), milestones and reports. */
  timeline: z
    .array(
      z.object({
        ...grantRef,
        startsOn: z.string(),
        endsOn: z.string(),
        marks: z.array(z.object({ source: z.enum(['milestone', 'report']), what: z.string(), dueOn: z.string(), done: z.boolean() })).max(1000),
      }),
    )
    .max(1_000_000),
});

export const reportArgs = z.strictObject({
  fileId,
  /** One grant's report, by its case number as the command line names it; left out, the whole portfolio's. */
  caseNumber: z.string().trim().min(1).max(40).optional(),
  language: z.enum(['sv', 'en']).default('sv'),
  today: day.optional(),
});

export const evaluationPlanCalls = {
  'evaluation.grant': call(grantPageArgs, grantPage),
  'evaluation.dashboard': call(dashboardArgs, dashboard),
  /** A change to a row already there is logged in the audit log, field by field, as the register's edits are. */
  'evaluation.save': call(saveArgs, z.object({ id }), { writes: [...evaluationTables, ...editLog] }),
  'evaluation.delete': call(z.strictObject({ record: z.enum(evaluationRecords), id }), z.object({ deleted: z.boolean() }), { writes: evaluationTables }),
  /** An attachment's bytes, for the shell to open a temporary copy. */
  'evaluation.attachment': call(z.strictObject({ id }), attachmentMeta.extend({ contentBase64: z.string().max(40_000_000) })),
  'evaluation.report': call(reportArgs, z.object({ bytes: z.number().int(), grants: z.number().int() })),
  /** The shell's: the same report printed to a PDF the user picks in a save dialog (null: cancelled). */
  'evaluation.printPdf': call(reportArgs.omit({ fileId: true }), z.object({ bytes: z.number().int(), grants: z.number().int() }).nullable()),
  /** The shell's: a temporary copy of the attachment opened in the program the system chooses. */
  'evaluation.openAttachment': call(z.strictObject({ id }), z.object({ opened: z.boolean() })),
};

export type EvaluationSave = z.input<typeof saveArgs>;
export type EvaluationSaveArgs = z.output<typeof saveArgs>;
export type EvaluationRecord = (typeof evaluationRecords)[number];
export type GrantPage = z.output<typeof grantPage>;
export type EvaluationDashboard = z.output<typeof dashboard>;
export type EvaluationReportArgs = z.output<typeof reportArgs>;
