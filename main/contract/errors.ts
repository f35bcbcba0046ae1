// Errors cross every boundary (worker, IPC, test bridge, CLI) as plain data, never as stack traces.

export const errorCodes = [
  'INVALID_ARGUMENT',
  'UNKNOWN_CALL',
  'STORE_FOREIGN',
  'STORE_NEWER',
  'STORE_UNREADABLE',
  'STORE_DAMAGED',
  'STORE_BUSY',
  'BACKUP_INVALID',
  'STORE_NOT_EMPTY',
  'MIGRATION_MISMATCH',
  'ATTACHMENT_TOO_LARGE',
  /** Not an exchange package, one cut short, or too large to be one: details.reason is 'not_a_package', 'truncated' or 'too_large'. */
  'EXCHANGE_INVALID',
  /** The package does not open with this passphrase: a wrong one, or the package was altered. */
  'EXCHANGE_REFUSED',
  /** A package from a newer Grantlens (its format or schema): details.version, details.knownVersion. */
  'EXCHANGE_NEWER',
  'HOST_UNAVAILABLE',
  /** A cross-tab that cannot be made: details.reason says why (main/domain/crosstab/plan.ts). */
  'CROSSTAB_UNSUPPORTED',
  /** The caller gave up on the call (the view changed, the user cancelled); it was stopped. */
  'CANCELLED',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

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
