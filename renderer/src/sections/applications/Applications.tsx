import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TabList, tabPanelProps } from '../../components/Tabs';
import { registerTables } from '../../../../main/contract/tables';
import { call } from '../../api/client';
import { useCall } from '../../api/use-call';
import { ErrorBanner } from '../../components/ErrorBanner';
import { ApplicationDetail } from './ApplicationDetail';
import { ApplicationsGrid } from './ApplicationsGrid';
import { BudgetCheck } from './BudgetCheck';
import { OrganisationsGrid } from './OrganisationsGrid';
import { undoOfferText } from './history-text';
import type { RegisterPreset } from './register-preset';
import { counted } from '../../i18n/counts';

const tabs = ['applications', 'organisations', 'budget'] as const;
type Tab = (typeof tabs)[number];

interface Props {
  /** Applications another section asked to show (a cross-tab cell's), until the user shows all. */
  preset?: RegisterPreset | null;
  onClearPreset?: () => void;
}

/** The register: applications and organisations grids, the budget check, and the detail of one application. */
export function Applications({ preset = null, onClearPreset }: Props) {
  const { t } = useTranslation();
  const [tab, setTab] = useState<Tab>('applications');
  const [openId, setOpenId] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState('');
  // Any write to the register may make the last edit final (an import) or be it (an edit, an undo).
  const last = useCall('register.lastEdit', {}, registerTables);

  const undo = async () => {
    try {
      await call('register.undo', {});
      setNotice(t('applications.undone'));
    } catch (caught) {
      setError(caught);
    }
  };

  return (
    <section aria-labelledby="section-title" className="applications">
      <h1 id="section-title">{t('applications.title')}</h1>
      {error !== null && <ErrorBanner error={error} onDismiss={() => setError(null)} />}
      {preset && (
        <p className="notice-line preset" role="status" data-testid="crosstab-cell">
          {t('crosstab.fromCell', { ...counted(preset.count), what: preset.what })}{' '}
          <button type="button" onClick={onClearPreset}>
            {t('crosstab.showAll')}
          </button>
        </p>
      )}
      <div className="tab-bar">
        <TabList tabs={tabs} selected={tab} onSelect={setTab} label={(name) => t(`applications.tabs.${name}`)} name={t('applications.title')} idPrefix="register" />
        <span className="undo">
          {last.data?.next && (
            <>
              <span className="hint">
                {t('history.lastChange', {
                  what: undoOfferText(t, last.data.next),
                  who: last.data.next.madeBy,
                  when: last.data.next.madeAt.replace('T', ' ').slice(0, 16),
                })}
              </span>
              <button type="button" onClick={undo}>
                {t('applications.undo')}
              </button>
            </>
          )}
          {last.data?.closedByImportAt && (
            <span className="hint">{t('history.closedByImport', { when: last.data.closedByImportAt.replace('T', ' ').slice(0, 16) })}</span>
          )}
          {notice && <span role="status">{notice}</span>}
        </span>
      </div>
      <div className={openId === null ? 'register' : 'register with-detail'}>
        <div {...tabPanelProps('register', tab)}>
          {tab === 'applications' && <ApplicationsGrid compact={openId !== null} crosstabCell={preset?.cell} onOpen={setOpenId} onError={setError} />}
          {tab === 'organisations' && <OrganisationsGrid />}
          {tab === 'budget' && <BudgetCheck />}
        </div>
        {openId !== null && tab === 'applications' && (
          <ApplicationDetail
            id={openId}
            onClose={() => setOpenId(null)}
            onChanged={() => setNotice('')}
          />
        )}
      </div>
    </section>
  );
}
