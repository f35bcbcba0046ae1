import { z } from 'zod';
import { call } from '../call-spec';
import { evaluationTables, registerTables, type StoreTable } from '../tables';
import { fileId } from './files';

// Exchange packages (docs/exchange.md): evaluators on two laptops share work by file, encrypted with
// a passphrase, and merge it record by record, matched by global keys, never by local ids.

export const exchangeScopes = ['evaluation', 'register', 'all'] as const;

/** Bounded like every string; never logged, never echoed in an error. */
export const passphrase = z.string().min(8).max(1024);

/** A record's global key: `application:2024-00017`, `evaluation_notes:<uuid>`. */
export const recordKey = z.string().min(1).max(300);

export const exchangeExportArgs = z.strictObject({
  scope: z.enum(exchangeScopes),
  /** For `evaluation`: the grant's case number (diarienummer). */
  caseNumber: z.string().min(1).max(40).optional(),
  fileId,
  passphrase,
});

export const conflictChoice = z.strictObject({
  key: recordKey,
  field: z.string().min(1).max(64),
  take: z.enum(['mine', 'theirs']),
});

export const exchangeImportArgs = z.strictObject({
  fileId,
  passphrase,
  /** How the user settled conflicts; one left out goes to the later edit (last writer wins). */
  choices: z.array(conflictChoice).max(10_000).default([]),
  /** Work out the merge and report it, writing nothing: the preview. */
  dryRun: z.boolean().default(false),
});

const cellValue = z.union([z.string(), z.number(), z.null()]);

export const exchangeConflict = z.object({
  key: recordKey,
  table: z.string(),
  field: z.string(),
  mine: cellValue,
  theirs: cellValue,
  mineEditedAt: z.string().nullable(),
  theirsEditedAt: z.string().nullable(),
  /** What the merge takes: the user's choice, else the later edit. */
  taken: z.enum(['mine', 'theirs']),
});

/** A record that could not be merged (its grant or organisation is in neither store), and why. */
export const exchangeReject = z.object({ key: recordKey, reason: z.enum(['missing_reference', 'invalid_record']), detail: z.string() });

export const exchangeSummary = z.object({
  scope: z.enum(exchangeScopes),
  exportedAt: z.string(),
  records: z.number().int(),
  inserted: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  /** Fields changed here since the last exchange and left as they are. */
  keptMine: z.number().int(),
  conflicts: z.array(exchangeConflict),
  rejected: z.array(exchangeReject),
  dryRun: z.boolean(),
});

export const exchangeExportResult = z.object({ scope: z.enum(exchangeScopes), records: z.number().int(), bytes: z.number().int() });

/** The decrypted body of a package, checked before anything is merged. */
export const exchangeDocument = z.strictObject({
  scope: z.enum(exchangeScopes),
  caseNumber: z.string().max(40).nullable(),
  exportedAt: z.string().max(40),
  records: z
    .array(
      z.strictObject({
        key: recordKey,
        table: z.string().max(64),
        fields: z.record(z.string().max(64), cellValue),
        editedAt: z.record(z.string().max(64), z.string().max(40).nullable()),
      }),
    )
    .max(10_000_000),
});

/** An import merges into the register and the evaluations, and keeps what it merged as the next one's base. */
const importWrites = ['exchange_base', ...registerTables, ...evaluationTables] as const satisfies readonly StoreTable[];

export const exchangeCalls = {
  // Reads the store only: what was exported is not known to have arrived, so it is no common base.
  'exchange.export': call(exchangeExportArgs, exchangeExportResult),
  'exchange.import': call(exchangeImportArgs, exchangeSummary, { writes: importWrites }),
};

export type ExchangeScope = (typeof exchangeScopes)[number];
export type ExchangeSummary = z.output<typeof exchangeSummary>;
export type ExchangeConflict = z.output<typeof exchangeConflict>;
export type ExchangeReject = z.output<typeof exchangeReject>;
export type ExchangeExportResult = z.output<typeof exchangeExportResult>;
export type ExchangeDocument = z.output<typeof exchangeDocument>;
export type ConflictChoice = z.output<typeof conflictChoice>;
