import { useTranslation } from 'react-i18next';
import type { StoreInfo } from '../../../../main/contract/calls';
import { BackupsPanel } from './BackupsPanel';

interface Props {
  busy: boolean;
  onRun: (action: () => Promise<StoreInfo | null>) => Promise<void>;
  onRestored: (notice: string) => void;
}

/** Säkerhetskopior: the open store's backups, a copy taken now, and a restore. */
export function Backups({ busy, onRun, onRestored }: Props) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="section-title" className="backups-section">
      <h1 id="section-title">{t('backups.title')}</h1>
      <BackupsPanel busy={busy} onRun={onRun} onRestored={onRestored} canTakeBackup />
    </section>
  );
}
