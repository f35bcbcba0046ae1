// Errors cross every boundary (worker, IPC, test bridge, CLI) as plain data, never as stack traces.

export const errorCodes = [
  'INVALID_ARGUMENT',
  'UNKNOWN_CALL',
  'STORE_FOREIGN',
  'STORE_NEWER',
  'STORE_UNREADABLE',
  'STORE_DAMAGED',
  'STORE_BUSY',
  /** A copy that cannot be restored, and nothing changed: details are BackupInvalidDetails. */
  'BACKUP_INVALID',
  'STORE_NOT_EMPTY',
  'MIGRATION_MISMATCH',
  'ATTACHMENT_TOO_LARGE',
  /** An import's first rows all rejected for one reason; details: rows, and the first reject. */
  'IMPORT_REJECTED',
  /** An XLSX file that would expand beyond what an import reads; details: limit (MiB or entries), entry. */
  'XLSX_TOO_LARGE',
  /** Not an exchange package, one cut short, or too large to be one: details.reason is 'not_a_package', 'truncated' or 'too_large'. */
  'EXCHANGE_INVALID',
  /** The package does not open with this passphrase: a wrong one, or the package was altered. */
  'EXCHANGE_REFUSED',
  /** A package from a newer Grantlens (its format or schema): details.version, details.knownVersion. */
  'EXCHANGE_NEWER',
  'HOST_UNAVAILABLE',
  /** A cross-tab that cannot be made: details.reason says why (main/domain/crosstab/plan.ts). */
  'CROSSTAB_UNSUPPORTED',
  /** A file to import is of another kind than the import reads, judged from its first bytes: details are FileKindDetails. */
  'FILE_WRONG_KIND',
  /** A file to import of the right kind that cannot be read as one: details are FileProblemDetails. */
  'FILE_MALFORMED',
  /** A register file has no column for a field the import is matched on: details.fields names them (ImportField). */
  'COLUMNS_MISSING',
  /** No saved analysis has the id given (deleted meanwhile, perhaps in another window). */
  'ANALYSIS_NOT_FOUND',
  /** Another saved analysis has the name: details.name. */
  'ANALYSIS_NAME_TAKEN',
  /** A share file that is not a Grantlens analysis, or one altered so it no longer is: details.reason (domains/analyses.ts). */
  'ANALYSIS_FILE_INVALID',
  /** An import that found no rows at all: details.reason is `headerOnly` (a table with its header only) or `noValues` (a JSON file with none). */
  'IMPORT_EMPTY',
  /** The file is another format than the one asked for: details.expected and details.found. */
  'IMPORT_FORMAT_MISMATCH',
  /** A JSON-stat dataset whose `value` list does not have one entry per cell: details.values and details.cells. */
  'JSONSTAT_VALUE_COUNT',
  /** A file whose place names mostly disagree with the store's names for the same codes: details.examples. */
  'IMPORT_PLACES_DISAGREE',
  /** The caller gave up on the call (the view changed, the user cancelled); it was stopped. */
  'CANCELLED',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

/** What an importer reads, and what a file's first bytes show it to be. */
export const expectedFileKinds = ['csv', 'xlsx', 'json'] as const;
export const foundFileKinds = ['csv', 'xlsx', 'json', 'pdf', 'binary'] as const;
export type ExpectedFileKind = (typeof expectedFileKinds)[number];
export type FoundFileKind = (typeof foundFileKinds)[number];
export interface FileKindDetails {
  expected: ExpectedFileKind;
  found: FoundFileKind;
}

/** Why a file could not be read, where the reader could tell: the line (1 is the header) and the column's name. */
export const fileProblems = ['quoteNotClosed', 'recordTooLong', 'csvUnreadable', 'xlsxUnreadable', 'jsonInvalid', 'jsonCutOff'] as const;
export type FileProblem = (typeof fileProblems)[number];
export interface FileProblemDetails {
  problem: FileProblem;
  line?: number;
  field?: string;
}

/** Why a copy cannot be restored (BACKUP_INVALID's details.problem), so the renderer can word it. */
export const backupProblems = ['missing', 'foreign', 'newer', 'empty', 'damaged', 'unreadable'] as const;
export type BackupProblem = (typeof backupProblems)[number];
export interface BackupInvalidDetails {
  path: string;
  problem: BackupProblem;
  /** What was found, in English, for the CLI and logs. */
  reason: string;
  /** For `newer`: the copy's schema version and the newest this Grantlens knows. */
  version?: number;
  knownVersion?: number;
}

export interface SerializedError {
  code: ErrorCode;
  message: string;
  details?: unknown;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details?: unknown;

  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }

  toJSON(): SerializedError {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

/** Anything that is not an AppError is a bug: its message is kept, its stack stays on this side. */
export function serializeError(error: unknown): SerializedError {
  if (error instanceof AppError) return error.toJSON();
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'INTERNAL', message };
}

export function isSerializedError(value: unknown): value is SerializedError {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as SerializedError).message === 'string' &&
    (errorCodes as readonly string[]).includes((value as SerializedError).code)
  );
}

export type Envelope<T> = { ok: true; value: T } | { ok: false; error: SerializedError };

/** Turns a failed envelope back into a typed AppError on the receiving side. */
export function unwrap<T>(envelope: Envelope<unknown>): T {
  if (!envelope.ok) throw new AppError(envelope.error.code, envelope.error.message, envelope.error.details);
  return envelope.value as T;
}
