import { z } from 'zod';

// What every import reports, in the UI, the CLI's --json and the tests alike: the register's
// and the indicators' importers share this shape.

export const rejectedRow = z.object({
  /** The line (CSV) or row (XLSX) number in the file, counting the header as 1; for JSON sources, the record's index. */
  row: z.number().int(),
  /** The column (as named in the file) or field the problem is in, when there is one. */
  field: z.string().nullable(),
  /** Why, as a stable code (main/importers/reject-reasons.ts) that the UI translates and scripts can match on. */
  code: z.string(),
  /** The values the reason names (the cell's text, the unknown code, a year…), for the translation to interpolate. */
  params: z.record(z.string(), z.union([z.string(), z.number()])),
  /** The reason in English, rendered from code and params: what the CLI prints. */
  reason: z.string(),
});

export const importSummary = z.object({
  dryRun: z.boolean(),
  /** True when nothing was written because of --strict (or the UI's "all or nothing") and a rejected row. */
  abandoned: z.boolean(),
  rows: z.number().int(),
  accepted: z.number().int(),
  rejected: z.number().int(),
  inserted: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  rejects: z.array(rejectedRow),
});

/** Rejects beyond this are counted (`rejected`) but not listed, so a file wrong throughout stays in bounded memory and output. */
export const MAX_LISTED_REJECTS = 10_000;
/** When this many rows have been read and every one was rejected for the same reason, the import stops and is refused. */
export const HOPELESS_AFTER_ROWS = 1000;

export type RejectedRow = z.output<typeof rejectedRow>;
export type RejectParams = RejectedRow['params'];
export type ImportSummary = z.output<typeof importSummary>;

/** The summary before the first row: every importer starts from this. */
export function emptySummary(dryRun: boolean): ImportSummary {
  return { dryRun, abandoned: false, rows: 0, accepted: 0, rejected: 0, inserted: 0, updated: 0, unchanged: 0, rejects: [] };
}
