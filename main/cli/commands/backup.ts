import { resolve } from 'node:path';
import type { BackupEntry, RestoreResult } from '../../contract/calls';
import { unwrap } from '../../contract/errors';
import { UsageError, write, type Command } from '../command';

function describe(entry: BackupEntry, path: string): string {
  const rows = entry.counts.find((count) => count.table === 'applications')?.rows ?? 0;
  return `${path}  ${entry.takenAt}  ${entry.bytes.toLocaleString('sv-SE')} bytes  ${rows.toLocaleString('sv-SE')} applications`;
}

export const backupCommand: Command = {
  name: 'backup',
  usage: `backup --db F [--out FILE]               a consistent copy of the store, by default rotated in
                                          the backups folder beside it`,
  arguments: [],
  options: { out: { type: 'string' } },
  async run({ services, values }) {
    const out = typeof values.out === 'string' ? resolve(values.out) : undefined;
    const fileId = out === undefined ? undefined : services.registerFile(out).fileId;
    const entry = unwrap<BackupEntry>(await services.call('backups.create', { fileId, reason: 'manual' }));
    if (values.json) write(JSON.stringify(entry, null, 2));
    else write(`backup  ${describe(entry, out ?? entry.name)}`);
    return 0;
  },
};

export const restoreCommand: Command = {
  name: 'restore',
  usage: `restore --db F --from FILE              replaces the store with a backup, once the backup is
                                          checked in full; the store as it was is backed up first`,
  arguments: [],
  runsOnDamagedStore: true,
  options: { from: { type: 'string' } },
  async run({ services, values }) {
    if (typeof values.from !== 'string') throw new UsageError('restore needs --from FILE');
    const { fileId } = services.registerFile(resolve(values.from));
    const result = unwrap<RestoreResult>(await services.call('backups.restore', { from: { fileId } }));
    if (values.json) write(JSON.stringify(result, null, 2));
    else {
      write(`restored  ${resolve(values.from)}`);
      if (result.safetyCopy) write(`the store as it was  ${describe(result.safetyCopy, result.safetyCopy.name)}`);
    }
    return 0;
  },
};
