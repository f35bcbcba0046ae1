import { useTranslation } from 'react-i18next';
import type { refusalsARestoreMends, StoreInfo } from '../../../../main/contract/calls';
import { BackupsPanel } from './BackupsPanel';
import { StoreFileActions, type StoreFileChoice } from '../../components/StoreFileActions';

interface Props {
  /** The store that was refused, and why. */
  path: string;
  code: (typeof refusalsARestoreMends)[number];
  busy: boolean;
  onRun: (action: () => Promise<StoreInfo | null>) => Promise<void>;
  onRestored: (notice: string) => void;
  onOpenStore: (mode: StoreFileChoice) => void;
}

/**
 * What the window shows instead of the app when its store was refused as damaged: which file, that
 * it is left as it is, and the way out the user chooses: one of its backups, or another store.
 */
export function DamagedStore({ path, code, busy, onRun, onRestored, onOpenStore }: Props) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="section-title" className="damaged-store">
      <h1 id="section-title">{t(`backups.damaged.title.${code}`)}</h1>
      <div className="error-banner" role="alert">
        <p>{t(`backups.damaged.body.${code}`, { path })}</p>
        <p>{t('backups.damaged.untouched')}</p>
      </div>
      <p>{t('backups.damaged.offer')}</p>
      <StoreFileActions busy={busy} onOpenStore={onOpenStore} />
      <h2>{t('backups.title')}</h2>
      <BackupsPanel busy={busy} onRun={onRun} onRestored={onRestored} canTakeBackup={false} />
    </section>
  );
}
