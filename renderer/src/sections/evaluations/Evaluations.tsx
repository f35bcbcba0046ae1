import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api/client';
import { useCall } from '../../api/use-call';
import { ErrorBanner } from '../../components/ErrorBanner';
import { formatNumber } from '../../format';
import { Dashboard } from './Dashboard';
import { EffectView } from './EffectView';
import { GrantView } from './GrantView';
import { Timeline } from './Timeline';
import { evaluationShows } from './shows';

const tabs = ['dashboard', 'timeline', 'effect'] as const;
type Tab = (typeof tabs)[number] | 'grant';

/** Utvärderingar: the multi-year grants' dashboard, one grant's page, the timeline and the effect across the portfolio. */
export function Evaluations() {
  const { t } = useTranslation();
  const [tab, setTab] = useState<Tab>('dashboard');
  const [grantId, setGrantId] = useState<number | null>(null);
  const [today, setToday] = useState(() => new Date().toLocaleDateString('sv-SE'));
  const [message, setMessage] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const { data, error } = useCall('evaluation.dashboard', { today }, evaluationShows);

  const open = (applicationId: number) => {
    setGrantId(applicationId);
    setTab('grant');
  };
  const writeReport = async () => {
    setFailure(null);
    try {
      const file = await call('files.pick', { purpose: 'export', extensions: ['html'], suggestedName: `utvarderingar-${today}.html` });
      if (!file) return;
      const { bytes } = await call('evaluation.report', { fileId: file.fileId, today });
      setMessage(t('evaluations.written', { bytes: formatNumber(bytes) }));
    } catch (caught) {
      setFailure(caught);
    }
  };
  const shown: readonly Tab[] = grantId === null ? tabs : [...tabs, 'grant'];

  return (
    <section aria-labelledby="section-title" className="evaluations">
      <h1 id="section-title">{t('nav.evaluations')}</h1>
      <div className="toolbar">
        <label>
          {t('evaluations.today')}{' '}
          <input type="date" value={today} onChange={(event) => event.target.value && setToday(event.target.value)} />
        </label>
        <button type="button" onClick={() => void writeReport()}>
          {t('evaluations.portfolioReport')}
        </button>
        {message && <span role="status">{message}</span>}
      </div>
      <div role="tablist" aria-label={t('evaluations.tabs.label')} className="tabs">
        {shown.map((name) => (
          <button key={name} type="button" role="tab" aria-selected={tab === name} onClick={() => setTab(name)}>
            {t(`evaluations.tabs.${name}`)}
          </button>
        ))}
      </div>
      {(error ?? failure) != null && <ErrorBanner error={error ?? failure} onDismiss={() => setFailure(null)} />}
      <div role="tabpanel" aria-label={t(`evaluations.tabs.${tab}`)}>
        {tab === 'grant' && grantId !== null && <GrantView applicationId={grantId} today={today} onBack={() => setTab('dashboard')} />}
        {tab === 'effect' && <EffectView />}
        {data && data.grants.length === 0 && tab !== 'effect' && tab !== 'grant' && <p className="notice">{t('evaluations.empty')}</p>}
        {data && data.grants.length > 0 && tab === 'dashboard' && <Dashboard data={data} onOpen={open} />}
        {data && data.grants.length > 0 && tab === 'timeline' && <Timeline rows={data.timeline} today={today} />}
      </div>
    </section>
  );
}
