import { z } from 'zod';
import { call } from '../call-spec';
import { evaluationTables, registerTables, type StoreTable } from '../tables';
import { fileId } from './files';

// Exchange packages (docs/exchange.md): evaluators on two laptops share work by file, encrypted with
// a passphrase, and merge it record by record, matched by global keys, never by local ids.

export const exchangeScopes = ['evaluation', 'indicators', 'register', 'all'] as const;

/** Bounded like every string; never logged, never echoed in an error. */
export const passphrase = z.string().min(8).max(1024);

/** A record's global key: `application:2024-00017`, `evaluation_notes:<uuid>`. */
export const recordKey = z.string().min(1).max(300);

/** An indicator's code, as the indicator calls take it. */
const indicatorCode = z.string().min(1).max(40);

export const exchangeExportArgs = z.strictObject({
  scope: z.enum(exchangeScopes),
  /** For `evaluation`: the grant's case number (diarienummer). */
  caseNumber: z.string().min(1).max(40).optional(),
  /** For `indicators`: the codes of the indicators to carry; none given, every indicator. */
  indicators: z.array(indicatorCode).max(1000).optional(),
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
  /**
   * For a whole record (field `*`): the side that deleted it since the last exchange, while the other
   * changed it. Unless the user chooses, the changed record is kept: nothing is dropped.
   */
  deleted: z.enum(['mine', 'theirs']).nullable(),
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
  /** Records deleted here because the other side deleted them, unchanged here since the last exchange. */
  deleted: z.number().int(),
  /** Indicator values the package carried, new ones added and changed ones taken (counted apart from records). */
  values: z.number().int(),
  valuesInserted: z.number().int(),
  valuesUpdated: z.number().int(),
  /** Fields changed here since the last exchange and left as they are. */
  keptMine: z.number().int(),
  conflicts: z.array(exchangeConflict),
  rejected: z.array(exchangeReject),
  dryRun: z.boolean(),
});

export const exchangeExportResult = z.object({
  scope: z.enum(exchangeScopes),
  records: z.number().int(),
  values: z.number().int(),
  deleted: z.number().int(),
  bytes: z.number().int(),
});

/** One series of indicator values: flat triples of year, value and the index of its import in `valueImports` (-1: none). */
export const valueSeries = z.strictObject({
  indicator: indicatorCode,
  geo: z.string().min(1).max(40),
  sex: z.enum(['T', 'K', 'M']),
  points: z.array(z.number()).max(3 * 10_000),
});

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
  /** The chosen indicators of an `indicators` package; null: every one. */
  indicators: z.array(indicatorCode).max(1000).nullable().default(null),
  /**
   * Indicator values, compact: a million of them as records would be a million objects to write,
   * parse and check. Keyed by indicator, place, sex and year, never by a local id.
   */
  valueSeries: z.array(valueSeries).max(5_000_000).default([]),
  /** The keys of the imports the values came from (`indicator_imports:` records of the package). */
  valueImports: z.array(recordKey).max(1_000_000).default([]),
  /** Records deleted by the writer since its last exchange: the keys it had merged and holds no longer. */
  deleted: z.array(z.strictObject({ key: recordKey, table: z.string().max(64) })).max(10_000_000).default([]),
});

/** An import merges into the register, the evaluations and the indicators, and keeps what it merged as the next one's base. */
const importWrites = [
  'exchange_base',
  ...registerTables,
  ...evaluationTables,
  'indicators',
  'indicator_imports',
  'indicator_series',
  'indicator_points',
  'indicator_value_history',
] as const satisfies readonly StoreTable[];

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
