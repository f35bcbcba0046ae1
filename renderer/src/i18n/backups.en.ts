import type { Translations } from './sv';

export const backupsEn: Translations['backups'] = {
  title: 'Backups',
  intro:
    'Grantlens keeps a copy of the data file before every import, update of the data file and restore, and once a day. The last seven daily copies and the last ten taken before a change are kept.',
  folder: 'Folder',
  take: 'Back up now',
  fromFile: 'Restore from file…',
  taken: 'The backup of {{when}} has been taken.',
  none: 'There are no backups of this data file yet.',
  table: 'Backups, newest first',
  takenAt: 'Taken',
  reason: 'Why',
  size: 'Size (MB)',
  unreadable: 'Cannot be read',
  restore: 'Restore…',
  restoreOf: 'Restore the backup of {{when}}…',
  reasons: {
    daily: 'Daily',
    manual: 'Taken by hand',
    'before-migration': 'Before an update of the data file',
    'before-restore': 'Before a restore',
    'before-import': 'Before an import',
  },
  confirm: {
    title: 'Restore the backup?',
    fileTitle: 'Restore from the file?',
    backup: 'The data file is replaced with the backup of {{when}}. Everything changed since then is replaced.',
    file: 'The data file is replaced with the contents of {{name}}. Everything changed since that copy was taken is replaced.',
    safety: 'First the data file as it is now is kept as a new backup, “Before a restore”, so you can undo the restore.',
    cancel: 'Cancel',
    restore: 'Restore',
  },
  restoring: 'Restoring… The copy is checked and the data file is kept first, which takes a while for a large data file.',
  restored: 'The data file has been restored from {{from}}. The data file as it was is kept as the backup of {{safety}} ({{name}}).',
  restoredNothingKept: 'The data file has been restored from {{from}}.',
  fromBackup: 'the backup of {{when}}',
  dismiss: 'Close',
  damaged: {
    title: {
      STORE_DAMAGED: 'The data file is damaged',
      STORE_UNREADABLE: 'The data file could not be read',
    },
    body: {
      STORE_DAMAGED: 'The data file {{path}} is damaged and has not been opened.',
      STORE_UNREADABLE: 'The data file {{path}} could not be read and has not been opened.',
    },
    untouched: 'The file has not been changed, and it is not repaired or overwritten unless you choose to restore a backup.',
    offer: 'Restore a backup below, or open or create another data file.',
  },
};
