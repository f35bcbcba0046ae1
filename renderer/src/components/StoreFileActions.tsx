import { useTranslation } from 'react-i18next';

export type StoreFileChoice = 'open' | 'create';

interface Props {
  busy: boolean;
  onOpenStore: (mode: StoreFileChoice) => void;
}

/** Another data file to open, or a new one to create: offered in Settings and over a damaged store. */
export function StoreFileActions({ busy, onOpenStore }: Props) {
  const { t } = useTranslation();
  return (
    <div className="actions">
      <button type="button" onClick={() => onOpenStore('open')} disabled={busy}>
        {t('settings.openOther')}
      </button>
      <button type="button" onClick={() => onOpenStore('create')} disabled={busy}>
        {t('settings.createNew')}
      </button>
    </div>
  );
}
