import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BackupEntry, StoreInfo } from '../../../../main/contract/calls';
import { storeTables } from '../../../../main/contract/tables';
import { call } from '../../api/client';
import { useCall } from '../../api/use-call';
import { formatDateTime, formatMegabytes, formatNumber } from '../../format';
import { RestoreDialog, type RestoreChoice } from './RestoreDialog';

/** The tables a copy is told apart by at a glance (the list fits a small window); Settings lists every count of the open store. */
const shownCounts = ['organisations', 'applications', 'indicator_values'] as const;

interface Props {
  busy: boolean;
  onRun: (action: () => Promise<StoreInfo | null>) => Promise<void>;
  /** Told, in words, what was restored and which copy keeps the store as it was. */
  onRestored: (notice: string) => void;
  /** False while the store is refused: there is nothing to copy, only copies to restore. */
  canTakeBackup: boolean;
}

/**
 * The store's backups, newest first, with what each holds; a copy taken now; a restore of one of
 * them or of a file, each asked first. Every write (an import takes a copy first, a restore brings
 * one) may change the list, so it reads again on every change.
 */
export function BackupsPanel({ busy, onRun, onRestored, canTakeBackup }: Props) {
  const { t } = useTranslation();
  const list = useCall('backups.list', {}, storeTables);
  const [taken, setTaken] = useState<BackupEntry | null>(null);
  const [choice, setChoice] = useState<RestoreChoice | null>(null);
  // A restore checks the copy in full and copies the store first: minutes for a large store, with no steps to count.
  const [restoring, setRestoring] = useState(false);

  const takeBackup = () =>
    onRun(async () => {
      setTaken(await call('backups.create', {}));
      list.reload();
      return null;
    });
  const chooseFile = () =>
    onRun(async () => {
      const file = await call('files.pick', { purpose: 'import', extensions: ['sqlite'] });
      if (file) setChoice({ file });
      return null;
    });
  const restore = (chosen: RestoreChoice) => {
    setChoice(null);
    setRestoring(true);
    setTaken(null);
    void onRun(async () => {
      const result = await call('backups.restore', { from: 'backup' in chosen ? { backup: chosen.backup.name } : { fileId: chosen.file.fileId } }).finally(() =>
        setRestoring(false),
      );
      const from = 'backup' in chosen ? t('backups.fromBackup', { when: formatDateTime(chosen.backup.takenAt) }) : chosen.file.name;
      const kept = result.safetyCopy;
      onRestored(kept ? t('backups.restored', { from, safety: formatDateTime(kept.takenAt), name: kept.name }) : t('backups.restoredNothingKept', { from }));
      return result.store;
    });
  };

  const backups = list.data?.backups ?? [];
  return (
    <div className="backups" aria-busy={list.loading && !list.data}>
      <p className="hint">{t('backups.intro')}</p>
      {list.data && (
        <dl className="store-facts">
          <dt>{t('backups.folder')}</dt>
          <dd data-testid="backups-folder">{list.data.folder}</dd>
        </dl>
      )}
      <div className="actions">
        {canTakeBackup && (
          <button type="button" onClick={takeBackup} disabled={busy}>
            {t('backups.take')}
          </button>
        )}
        <button type="button" onClick={chooseFile} disabled={busy}>
          {t('backups.fromFile')}
        </button>
      </div>
      {restoring && <p role="status">{t('backups.restoring')}</p>}
      {taken && <p role="status">{t('backups.taken', { when: formatDateTime(taken.takenAt) })}</p>}
      {list.data && backups.length === 0 && <p>{t('backups.none')}</p>}
      {backups.length > 0 && (
        <div className="table-scroll" tabIndex={0} role="region" aria-label={t('backups.table')}>
          <table className="counts backup-list">
            <thead>
              <tr>
                <th scope="col">{t('backups.takenAt')}</th>
                <th scope="col">{t('backups.reason')}</th>
                <th scope="col" className="number">
                  {t('backups.size')}
                </th>
                <th scope="col" className="number">
                  {t('settings.schemaVersion')}
                </th>
                {shownCounts.map((table) => (
                  <th key={table} scope="col" className="number">
                    {t(`settings.tables.${table}`)}
                  </th>
                ))}
                <td />
              </tr>
            </thead>
            <tbody>
              {backups.map((backup) => {
                const when = formatDateTime(backup.takenAt);
                const rows = (table: string) => backup.counts.find((count) => count.table === table)?.rows;
                return (
                  <tr key={backup.name}>
                    <th scope="row">
                      <time dateTime={backup.takenAt}>{when}</time>
                    </th>
                    <td>{t(`backups.reasons.${backup.reason}`)}</td>
                    <td className="number">{formatMegabytes(backup.bytes)}</td>
                    <td className="number">{backup.schemaVersion ?? t('backups.unreadable')}</td>
                    {shownCounts.map((table) => {
                      const n = rows(table);
                      return (
                        <td key={table} className="number">
                          {n === undefined ? '–' : formatNumber(n)}
                        </td>
                      );
                    })}
                    <td>
                      <button type="button" aria-label={t('backups.restoreOf', { when })} onClick={() => setChoice({ backup })} disabled={busy}>
                        {t('backups.restore')}
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {choice && <RestoreDialog choice={choice} onCancel={() => setChoice(null)} onConfirm={() => restore(choice)} />}
    </div>
  );
}
