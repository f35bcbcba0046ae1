import { Suspense, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { mendsByRestore, type refusalsARestoreMends, type StoreInfo } from '../../main/contract/calls';
import { AppError } from '../../main/contract/errors';
import { storeTables } from '../../main/contract/tables';
import type { Progress } from '../../main/contract/progress';
import { call, onProgress } from './api/client';
import { useTablesVersion } from './api/store-changes';
import { ErrorBanner } from './components/ErrorBanner';
import { FirstStartDialog } from './components/FirstStartDialog';
import { ProgressBar } from './components/ProgressBar';
import type { RegisterPreset } from './sections/applications/register-preset';
import { Applications, Backups, Crosstab, DamagedStore, Evaluations, ImportSection, Indicators, Settings } from './sections/lazy-sections';
import { Overview } from './sections/Overview';

const sections = ['overview', 'applications', 'indicators', 'crosstab', 'evaluations', 'import', 'backups', 'settings'] as const;
type Section = (typeof sections)[number];

/** A store the services refused as one a restore mends: the window offers its backups instead of the app. */
interface Refused {
  path: string;
  code: (typeof refusalsARestoreMends)[number];
}

function refusedStore(error: unknown): Refused | null {
  if (!(error instanceof AppError) || !mendsByRestore(error.code)) return null;
  const path = (error.details as { path?: unknown } | undefined)?.path;
  return typeof path === 'string' ? { path, code: error.code as Refused['code'] } : null;
}

export function App() {
  const { t } = useTranslation();
  const [section, setSection] = useState<Section>('overview');
  // A cross-tab cell's applications, shown in the register until the user leaves it or shows all.
  const [preset, setPreset] = useState<RegisterPreset | null>(null);
  const go = (name: Section) => {
    // An action's error belongs to the screen it was made on.
    setError(null);
    setNotice(null);
    setPreset(null);
    setSection(name);
  };
  const drill = useCallback((next: RegisterPreset) => {
    setPreset(next);
    setSection('applications');
  }, []);
  const [info, setInfo] = useState<StoreInfo | null>(null);
  const [refused, setRefused] = useState<Refused | null>(null);
  // Sections wait for the first answer about the store: over a damaged one each would only fail.
  const [asked, setAsked] = useState(false);
  /** What a restore did, said until the user moves on: it may have replaced the screen it was made on. */
  const [notice, setNotice] = useState<string | null>(null);
  // Sections reload what they show from change events; the store's own summary follows every table.
  const storeVersion = useTablesVersion(storeTables);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => onProgress(setProgress), []);
  useEffect(() => {
    call('store.info', {}).then(
      (next) => {
        setInfo(next);
        setRefused(null);
        setAsked(true);
      },
      (caught: unknown) => {
        const store = refusedStore(caught);
        if (store) setRefused(store);
        else setError(caught);
        setAsked(true);
      },
    );
  }, [storeVersion]);

  /** Runs one user action at a time, with its errors shown in the banner. */
  const run = useCallback(async (action: () => Promise<StoreInfo | null>) => {
    setBusy(true);
    setError(null);
    try {
      const next = await action();
      if (next) {
        setInfo(next);
        setRefused(null);
      }
    } catch (caught) {
      // Another damaged file picked while one is refused: the window offers that one's backups.
      setRefused((current) => (current ? (refusedStore(caught) ?? current) : null));
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

  const askFirstStart = info !== null && !info.onboarded && !busy && !refused;

  const sectionView = (
    <>
      {section === 'overview' && <Overview busy={busy} onLoadDemo={loadDemo} />}
      <Suspense fallback={<p aria-busy="true">{t('common.loading')}</p>}>
        {section === 'settings' && info && <Settings info={info} busy={busy} onOpenStore={openStore} onRun={run} />}
        {section === 'applications' && <Applications preset={preset} onClearPreset={() => setPreset(null)} />}
        {section === 'crosstab' && <Crosstab onDrill={drill} />}
        {section === 'import' && <ImportSection busy={busy} onRun={run} />}
        {section === 'indicators' && <Indicators busy={busy} onRun={run} />}
        {section === 'evaluations' && <Evaluations />}
        {section === 'backups' && <Backups busy={busy} onRun={run} onRestored={setNotice} />}
      </Suspense>
    </>
  );

  return (
    <div className={refused ? 'app store-refused' : 'app'}>
      <header className="app-header">
        <span className="app-name">{t('app.name')}</span>
        <span className="tagline">{t('app.tagline')}</span>
      </header>
      {!refused && (
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
      )}
      <main className="app-main">
        {progress && <ProgressBar progress={progress} />}
        {error !== null && !askFirstStart && <ErrorBanner error={error} onDismiss={() => setError(null)} />}
        {notice && (
          <div className="notice" role="status">
            <p>{notice}</p>
            <button type="button" onClick={() => setNotice(null)}>
              {t('backups.dismiss')}
            </button>
          </div>
        )}
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
        {refused ? (
          <Suspense fallback={<p aria-busy="true">{t('common.loading')}</p>}>
            <DamagedStore key={refused.path} {...refused} busy={busy} onRun={run} onRestored={setNotice} onOpenStore={openStore} />
          </Suspense>
        ) : (
          asked && sectionView
        )}
      </main>
    </div>
  );
}
