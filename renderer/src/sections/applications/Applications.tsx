import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { registerTables } from '../../../../main/contract/tables';
import { call } from '../../api/client';
import { useCall } from '../../api/use-call';
import { ErrorBanner } from '../../components/ErrorBanner';
import { ApplicationDetail } from './ApplicationDetail';
import { ApplicationsGrid } from './ApplicationsGrid';
import { BudgetCheck } from './BudgetCheck';
import { OrganisationsGrid } from './OrganisationsGrid';

const tabs = ['applications', 'organisations', 'budget'] as const;
type Tab = (typeof tabs)[number];

/** The register: applications and organisations grids, the budget check, and the detail of one application. */
export function Applications() {
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
      <div className="tabs" role="tablist">
        {tabs.map((name) => (
          <button key={name} type="button" role="tab" aria-selected={tab === name} onClick={() => setTab(name)}>
            {t(`applications.tabs.${name}`)}
          </button>
        ))}
        <span className="undo">
          {last.data && (
            <>
              <span className="hint">
                {t('applications.lastEdit', {
                  // An added row is named as such: undoing it deletes the row, not a field's value.
                  fields: last.data.action === 'insert' ? t(`applications.lastInsert.${last.data.table}`) : last.data.fields.join(', '),
                  who: last.data.madeBy,
                  when: last.data.madeAt.replace('T', ' ').slice(0, 16),
                })}
              </span>
              <button type="button" onClick={undo}>
                {t('applications.undo')}
              </button>
            </>
          )}
          {notice && <span role="status">{notice}</span>}
        </span>
      </div>
      <div className={openId === null ? 'register' : 'register with-detail'}>
        <div role="tabpanel" aria-label={t(`applications.tabs.${tab}`)}>
          {tab === 'applications' && <ApplicationsGrid onOpen={setOpenId} onError={setError} />}
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
