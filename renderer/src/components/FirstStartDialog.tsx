import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorBanner } from './ErrorBanner';

interface Props {
  busy: boolean;
  /** Shown inside the dialog: a banner behind a modal could be neither read nor closed. */
  error: unknown;
  onDismissError: () => void;
  onDemo: () => void;
  onEmpty: () => void;
  onOpen: () => void;
}

/** Asked once per empty store. A native modal <dialog> keeps focus inside and closes on Escape. */
export function FirstStartDialog({ busy, error, onDismissError, onDemo, onEmpty, onOpen }: Props) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  return (
    <dialog
      ref={ref}
      className="first-start"
      aria-labelledby="first-start-title"
      onCancel={(event) => {
        event.preventDefault();
        if (!busy) onEmpty();
      }}
    >
      <h2 id="first-start-title">{t('firstStart.title')}</h2>
      <p>{t('firstStart.body')}</p>
      {error !== null && <ErrorBanner error={error} onDismiss={onDismissError} />}
      <div className="dialog-actions">
        <button type="button" className="primary" onClick={onDemo} disabled={busy} autoFocus>
          {t('firstStart.demo')}
        </button>
        <button type="button" onClick={onEmpty} disabled={busy}>
          {t('firstStart.empty')}
        </button>
        <button type="button" onClick={onOpen} disabled={busy}>
          {t('firstStart.open')}
        </button>
      </div>
      <p className="hint">{t('firstStart.demoHint')}</p>
    </dialog>
  );
}
