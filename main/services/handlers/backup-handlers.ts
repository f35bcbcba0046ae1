import { statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { backupDailyIfDue, backupFolder, backupStore, copyStoreTo } from '../../store/backup';
import { restoreStore } from '../../store/restore';
import { backupList, describeBackup } from '../backups';
import type { HandlerMap } from '../context';
import { verifyStoreFile } from '../verify';

export const backupHandlers = {
  'backups.list': (_args, { storePath }) => backupList(storePath),
  'backups.create': ({ fileId, reason }, { store, files, backupPolicy }) => {
    if (reason === 'daily') {
      const taken = backupDailyIfDue(store.db, store.path, { policy: backupPolicy });
      return taken && describeBackup(taken);
    }
    if (!fileId) return describeBackup(backupStore(store.db, store.path, 'manual', { policy: backupPolicy }));
    // A copy the user placed: not in the rotation, which only ever removes its own files.
    const path = files.resolve(fileId);
    copyStoreTo(store.db, path);
    return describeBackup({ name: basename(path), path, reason: 'manual', takenAt: new Date().toISOString(), bytes: statSync(path).size });
  },
  'backups.restore': ({ from }, { files, replaceStore, resourcesDir, backupPolicy }) =>
    replaceStore((storePath) => {
      const source = 'backup' in from ? join(backupFolder(storePath), from.backup) : files.resolve(from.fileId);
      const kept = restoreStore(storePath, source, { resourcesDir, backupPolicy });
      return kept && describeBackup(kept);
    }),
  'store.verify': (_args, { storePath, progress }) => verifyStoreFile(storePath, progress),
} satisfies Partial<HandlerMap>;
