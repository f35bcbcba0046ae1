import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TabList, tabPanelProps } from '../../components/Tabs';
import type { StoreInfo } from '../../../../main/contract/calls';
import { indicatorTables } from '../../../../main/contract/tables';
import { useCall } from '../../api/use-call';
import { ErrorBanner } from '../../components/ErrorBanner';
import { DesignationView } from './DesignationView';
import { IndicatorImport } from './IndicatorImport';
import { MapView } from './MapView';
import { ProfileView } from './ProfileView';
import { RankingView } from './RankingView';
import { ValuesGrid } from './ValuesGrid';

const tabs = ['profile', 'ranking', 'map', 'values', 'designation', 'import'] as const;
type Tab = (typeof tabs)[number];

interface Props {
  busy: boolean;
  /** The app's runner: one action at a time, with progress and errors, sections reloaded after. */
  onRun: (action: () => Promise<StoreInfo | null>) => Promise<void>;
}

/** Indicators per place over time: profile, ranking, map, designation rules and import of values. */
export function Indicators({ busy, onRun }: Props) {
  const { t } = useTranslation();
  const [tab, setTab] = useState<Tab>('profile');
  const definitions = useCall('indicators.list', {}, indicatorTables);
  const places = useCall('indicators.places', {}, indicatorTables);
  const error = definitions.error ?? places.error;
  const withValues = (definitions.data ?? []).filter((definition) => definition.periods.length > 0);

  return (
    <section aria-labelledby="section-title" className="indicators">
      <h1 id="section-title">{t('nav.indicators')}</h1>
      <TabList tabs={tabs} selected={tab} onSelect={setTab} label={(name) => t(`indicators.tabs.${name}`)} name={t('indicators.tabs.label')} idPrefix="indicators" />
      {error !== undefined && <ErrorBanner error={error} />}
      <div {...tabPanelProps('indicators', tab)}>
        {tab === 'import' && <IndicatorImport definitions={definitions.data ?? []} busy={busy} onRun={onRun} />}
        {tab !== 'import' && definitions.data && places.data && withValues.length === 0 && <p className="notice">{t('indicators.empty')}</p>}
        {tab !== 'import' && places.data && withValues.length > 0 && (
          <>
            {tab === 'profile' && <ProfileView definitions={withValues} places={places.data} />}
            {tab === 'ranking' && <RankingView definitions={withValues} />}
            {tab === 'map' && <MapView definitions={withValues} busy={busy} onRun={onRun} />}
            {tab === 'values' && <ValuesGrid definitions={withValues} />}
            {tab === 'designation' && <DesignationView definitions={withValues} busy={busy} onRun={onRun} />}
          </>
        )}
      </div>
    </section>
  );
}
