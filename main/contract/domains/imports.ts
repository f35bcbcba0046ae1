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

/** An indicator a file names that the store has neither by code nor by name, for the user to say which it is. */
export const unknownIndicator = z.object({
  /** As the file names it: a code (Kolada, JSON-stat) or words (a spreadsheet's "Eftergymnasial utbildning, andel (%)"). */
  text: z.string(),
  /** How many of the file's values name it (each rejected as an unknown indicator). */
  values: z.number().int(),
  /** Whether it is a code the import can define it by (defineIndicators); words must be matched to an indicator instead. */
  definable: z.boolean(),
  /** Its name as the file gives it (a JSON-stat label); null when the file has only the code (Kolada). */
  name: z.string().nullable(),
});

/** An indicator an import defined (defineIndicators) because the file named it and the store lacked it. */
export const definedIndicator = z.object({
  code: z.string(),
  /** Null when the file gave none (Kolada): kept as missing until a KPI metadata or definitions file names it. */
  name: z.string().nullable(),
  unit: z.string(),
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
  /** Indicator imports only: what the file names that no indicator matched, the most common first. */
  unknownIndicators: z.array(unknownIndicator).optional(),
  /** Indicator imports with defineIndicators only: what the import defined. */
  definedIndicators: z.array(definedIndicator).optional(),
});

/** Rejects beyond this are counted (`rejected`) but not listed, so a file wrong throughout stays in bounded memory and output. */
export const MAX_LISTED_REJECTS = 10_000;
/** When this many rows have been read and every one was rejected for the same reason, the import stops and is refused. */
export const HOPELESS_AFTER_ROWS = 1000;

export type RejectedRow = z.output<typeof rejectedRow>;
export type RejectParams = RejectedRow['params'];
export type ImportSummary = z.output<typeof importSummary>;
export type UnknownIndicator = z.output<typeof unknownIndicator>;
export type DefinedIndicator = z.output<typeof definedIndicator>;

/** The summary before the first row: every importer starts from this. */
export function emptySummary(dryRun: boolean): ImportSummary {
  return { dryRun, abandoned: false, rows: 0, accepted: 0, rejected: 0, inserted: 0, updated: 0, unchanged: 0, rejects: [] };
}
