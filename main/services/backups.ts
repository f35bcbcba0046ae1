import Database from 'better-sqlite3';
import type { BackupEntry, BackupList } from '../contract/calls';
import { backupFolder, listBackups, type BackupFile } from '../store/backup';
import { tableCounts } from './store-info';

/** What a restore screen shows of one copy: besides its time and size, what it holds. */
export function describeBackup(file: BackupFile): BackupEntry {
  const entry = { name: file.name, reason: file.reason, takenAt: file.takenAt, bytes: file.bytes };
  let db: Database.Database | null = null;
  try {
    db = new Database(file.path, { readonly: true, fileMustExist: true });
    return { ...entry, schemaVersion: db.pragma('user_version', { simple: true }) as number, counts: tableCounts(db) };
  } catch {
    return { ...entry, schemaVersion: null, counts: [] };
  } finally {
    db?.close();
  }
}

export function backupList(storePath: string): BackupList {
  return { folder: backupFolder(storePath), backups: listBackups(storePath).map(describeBackup) };
}
