import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { BackupEntry, PickedFile } from '../../../../main/contract/calls';
import { formatDateTime } from '../../format';

/** What the user chose to restore, waiting for the dialog's answer. */
export type RestoreChoice = { backup: BackupEntry } | { file: PickedFile };

interface Props {
  choice: RestoreChoice;
  onCancel: () => void;
  onConfirm: () => void;
}

/**
 * Asks before a restore, which replaces everything since the copy was taken. A native modal
 * <dialog> keeps focus inside, and Escape cancels; focus starts on Cancel, so Enter pressed in
 * haste changes nothing, and goes back to the button that opened it when it closes.
 */
export function RestoreDialog({ choice, onCancel, onConfirm }: Props) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    // The dialog is gone from the page by the time this cleans up, too late for it to give focus back itself.
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (dialog && !dialog.open) dialog.showModal();
    cancel.current?.focus();
    return () => {
      dialog?.close();
      opener?.focus();
    };
  }, []);
  const fromBackup = 'backup' in choice;
  return (
    <dialog
      ref={ref}
      className="confirm"
      aria-labelledby="restore-title"
      aria-describedby="restore-what restore-safety"
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
    >
      <h2 id="restore-title">{t(fromBackup ? 'backups.confirm.title' : 'backups.confirm.fileTitle')}</h2>
      <p id="restore-what">
        {fromBackup ? t('backups.confirm.backup', { when: formatDateTime(choice.backup.takenAt) }) : t('backups.confirm.file', { name: choice.file.name })}
      </p>
      <p id="restore-safety">{t('backups.confirm.safety')}</p>
      <div className="dialog-actions">
        <button type="button" ref={cancel} onClick={onCancel}>
          {t('backups.confirm.cancel')}
        </button>
        <button type="button" className="primary" onClick={onConfirm}>
          {t('backups.confirm.restore')}
        </button>
      </div>
    </dialog>
  );
}
