import { AppError } from '../contract/errors';

/** better-sqlite3's SqliteError carries SQLite's extended result code as a string, e.g. SQLITE_BUSY_SNAPSHOT. */
function sqliteCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_') ? code : undefined;
}

export function damaged(path: string, problems: readonly string[]): AppError {
  return new AppError(
    'STORE_DAMAGED',
    `${path} is damaged and has not been changed: ${problems.slice(0, 3).join('; ')}${problems.length > 3 ? ` (and ${problems.length - 3} more)` : ''}. Restore a backup of it.`,
    { path, problems: problems.slice(0, 100) },
  );
}

/**
 * Gives SQLite's own failures the codes the user can act on: a store another process is writing
 * (the busy timeout ran out) is busy, not broken; a malformed page means the file is damaged.
 * Anything else is passed on as it was.
 */
export function translateStoreError(error: unknown, path: string): unknown {
  const code = sqliteCode(error);
  if (!code) return error;
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return new AppError('STORE_BUSY', `${path} is busy: another program or window is writing to it. Try again when it is done.`, { path });
  }
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') {
    return damaged(path, [(error as Error).message]);
  }
  return error;
}
