import { storeTables } from '../tables';
import { z } from 'zod';
import { call } from '../call-spec';
import type { ErrorCode } from '../errors';
import { fileId } from './files';
import { noArgs, storeInfo, tableCount } from './store';

/** Why a copy was made; each kind but `daily` counts as a copy taken before a change. */
export const backupReasons = ['daily', 'manual', 'before-migration', 'before-restore', 'before-import'] as const;

/**
 * Refusals of a store that a restore mends: the file is a Grantlens store that can no longer be read
 * through. The CLI's `restore` and the window's offer to restore run on such a store; another
 * program's file or a newer store is never written over.
 */
export const refusalsARestoreMends = ['STORE_DAMAGED', 'STORE_UNREADABLE'] as const satisfies readonly ErrorCode[];

export function mendsByRestore(code: string | undefined): boolean {
  return (refusalsARestoreMends as readonly string[]).includes(code ?? '');
}

/** A backup is named by its file name in the store's backups folder, never by a path. */
export const backupName = z
  .string()
  .max(200)
  .regex(/^[^/\\]+\.sqlite$/, 'a backup file name, not a path');

export const backupEntry = z.object({
  name: z.string(),
  reason: z.enum(backupReasons),
  takenAt: z.string(),
  bytes: z.number().int(),
  /** Null when the copy cannot be read (its counts are then empty too). */
  schemaVersion: z.number().int().nullable(),
  counts: z.array(tableCount),
});

export const backupList = z.object({
  folder: z.string(),
  backups: z.array(backupEntry),
});

export const restoreArgs = z.strictObject({
  from: z.union([z.strictObject({ backup: backupName }), z.strictObject({ fileId })]),
});

export const restoreResult = z.object({
  /** The copy of the store as it was just before, in the backups folder; null if there was no store file. */
  safetyCopy: backupEntry.nullable(),
  store: storeInfo,
});

export const backupCalls = {
  'backups.list': call(noArgs, backupList),
  /**
   * A copy in the rotation, or at a file the user chose (`fileId`, kept out of the rotation). With
   * `daily`, only if none was taken today: the shell asks once a day while the app runs; null then.
   */
  'backups.create': call(
    z.strictObject({ fileId: fileId.optional(), reason: z.enum(['manual', 'daily']).default('manual') }),
    backupEntry.nullable(),
  ),
  // A restore replaces the whole store: every table changes, and the host opens it again on every thread.
  'backups.restore': call(restoreArgs, restoreResult, { writes: storeTables }),
};

export type BackupReason = (typeof backupReasons)[number];
export type BackupEntry = z.output<typeof backupEntry>;
export type BackupList = z.output<typeof backupList>;
export type RestoreResult = z.output<typeof restoreResult>;
