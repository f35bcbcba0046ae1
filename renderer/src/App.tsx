import { Suspense, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StoreInfo } from '../../main/contract/calls';
import { storeTables } from '../../main/contract/tables';
import type { Progress } from '../../main/contract/progress';
import { call, onProgress } from './api/client';
import { useTablesVersion } from './api/store-changes';
import { ErrorBanner } from './components/ErrorBanner';
import { FirstStartDialog } from './components/FirstStartDialog';
import { ProgressBar } from './components/ProgressBar';
import type { RegisterPreset } from './sections/applications/register-preset';
import { Applications, Crosstab, Evaluations, ImportSection, Indicators, Settings } from './sections/lazy-sections';
import { Overview } from './sections/Overview';

const sections = ['overview', 'applications', 'indicators', 'crosstab', 'evaluations', 'import', 'settings'] as const;
type Section = (typeof sections)[number];

export function App() {
  const { t } = useTranslation();
  const [section, setSection] = useState<Section>('overview');
  // A cross-tab cell's applications, shown in the register until the user leaves it or shows all.
  const [preset, setPreset] = useState<RegisterPreset | null>(null);
  const go = (name: Section) => {
    // An action's error belongs to the screen it was made on.
    setError(null);
    setPreset(null);
    setSection(name);
  };
  const drill = useCallback((next: RegisterPreset) => {
    setPreset(next);
    setSection('applications');
  }, []);
  const [info, setInfo] = useState<StoreInfo | null>(null);
  // Sections reload what they show from change events; the store's own summary follows every table.
  const storeVersion = useTablesVersion(storeTables);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => onProgress(setProgress), []);
  useEffect(() => {
    call('store.info', {}).then(setInfo, setError);
  }, [storeVersion]);

  /** Runs one user action at a time, with its errors shown in the banner. */
  const run = useCallback(async (action: () => Promise<StoreInfo | null>) => {
    setBusy(true);
    setError(null);
    try {
      const next = await action();
      if (next) setInfo(next);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
      setProgress(null);
    }
  }, []);

  const loadDemo = () =>
    run(async () => {
      await call('demo.load', {});
      return call('store.info', {});
    });
  const startEmpty = () => run(() => call('store.markOnboarded', {}));
  const openStore = (mode: 'open' | 'create') => run(() => call('store.pickAndOpen', { mode }));

  const askFirstStart = info !== null && !info.onboarded && !busy;

  return (
    <div className="app">
      <header className="app-header">
        <span className="app-name">{t('app.name')}</span>
        <span className="tagline">{t('app.tagline')}</span>
      </header>
      <nav aria-label={t('nav.label')} className="app-nav">
        <ul>
          {sections.map((name) => (
            <li key={name}>
              <button
                type="button"
                aria-current={section === name ? 'page' : undefined}
                onClick={() => go(name)}
              >
                {t(`nav.${name}`)}
              </button>
            </li>
          ))}
        </ul>
      </nav>
      <main className="app-main">
        {progress && <ProgressBar progress={progress} />}
        {error !== null && !askFirstStart && <ErrorBanner error={error} onDismiss={() => setError(null)} />}
        {askFirstStart && (
          <FirstStartDialog
            busy={busy}
            error={error}
            onDismissError={() => setError(null)}
            onDemo={loadDemo}
            onEmpty={startEmpty}
            onOpen={() => openStore('open')}
          />
        )}
        {section === 'overview' && <Overview busy={busy} onLoadDemo={loadDemo} />}
        <Suspense fallback={<p aria-busy="true">{t('common.loading')}</p>}>
          {section === 'settings' && info && <Settings info={info} busy={busy} onOpenStore={openStore} onRun={run} />}
          {section === 'applications' && <Applications preset={preset} onClearPreset={() => setPreset(null)} />}
          {section === 'crosstab' && <Crosstab onDrill={drill} />}
          {section === 'import' && <ImportSection busy={busy} onRun={run} />}
          {section === 'indicators' && <Indicators busy={busy} onRun={run} />}
          {section === 'evaluations' && <Evaluations />}
        </Suspense>
      </main>
    </div>
  );
}
