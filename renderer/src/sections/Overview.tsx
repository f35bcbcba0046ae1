import type { ColDef } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Overview as OverviewData } from '../../../main/contract/calls';
import { indicatorTables, registerTables } from '../../../main/contract/tables';
import { useCall } from '../api/use-call';
import { EChart, type ChartOption } from '../components/EChart';
import { ErrorBanner } from '../components/ErrorBanner';
import { gridLocale } from '../grid-locale';
import { formatMsek, formatNumber, formatSek, formatShare } from '../format';

type YearRow = OverviewData['byYear'][number];
type TypeRow = OverviewData['byApplicantType'][number];

function Figure({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <div className="figure" data-testid={testId}>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}

const overviewTables = [...registerTables, ...indicatorTables];

interface Props {
  busy: boolean;
  onLoadDemo: () => void;
}

export function Overview({ busy, onLoadDemo }: Props) {
  const { t, i18n } = useTranslation();
  const { data, error, loading } = useCall('overview.get', {}, overviewTables);

  const yearColumns = useMemo<ColDef<YearRow>[]>(
    () => [
      { field: 'year', headerName: t('overview.year'), width: 80, minWidth: 70 },
      { field: 'applications', headerName: t('overview.applications'), valueFormatter: (p) => formatNumber(p.value), type: 'rightAligned', width: 120 },
      { field: 'granted', headerName: t('overview.granted'), valueFormatter: (p) => formatNumber(p.value), type: 'rightAligned', width: 110 },
      {
        colId: 'approvalRate',
        headerName: t('overview.approvalRate'),
        valueGetter: (p) => (p.data && p.data.applications > 0 ? p.data.granted / p.data.applications : null),
        valueFormatter: (p) => (p.data ? formatShare(p.data.granted, p.data.applications) : ''),
        type: 'rightAligned',
        width: 130,
      },
      { field: 'requestedOre', headerName: t('overview.requested'), valueFormatter: (p) => formatSek(p.value), type: 'rightAligned', flex: 1, minWidth: 115 },
      { field: 'grantedOre', headerName: t('overview.grantedAmount'), valueFormatter: (p) => formatSek(p.value), type: 'rightAligned', flex: 1, minWidth: 115 },
      { field: 'budgetOre', headerName: t('overview.budget'), valueFormatter: (p) => formatSek(p.value), type: 'rightAligned', flex: 1, minWidth: 115 },
      { field: 'earmarkedOre', headerName: t('overview.earmarked'), valueFormatter: (p) => formatSek(p.value), type: 'rightAligned', flex: 1, minWidth: 115 },
    ],
    [t],
  );

  const typeColumns = useMemo<ColDef<TypeRow>[]>(
    () => [
      { field: 'type', headerName: t('overview.applicantType'), valueFormatter: (p) => t(`applicantType.${p.value}`), flex: 1 },
      { field: 'applications', headerName: t('overview.applications'), valueFormatter: (p) => formatNumber(p.value), type: 'rightAligned' },
      { field: 'granted', headerName: t('overview.granted'), valueFormatter: (p) => formatNumber(p.value), type: 'rightAligned' },
      { field: 'grantedOre', headerName: t('overview.grantedAmount'), valueFormatter: (p) => formatSek(p.value), type: 'rightAligned', flex: 1, minWidth: 115 },
    ],
    [t],
  );

  const chart = useMemo<ChartOption | null>(() => {
    if (!data) return null;
    const years = data.byYear.map((row) => String(row.year));
    return {
      tooltip: { trigger: 'axis', valueFormatter: (value: number) => formatSek(value) },
      legend: { top: 0 },
      grid: { left: 90, right: 20, top: 40, bottom: 30 },
      xAxis: { type: 'category', data: years },
      yAxis: { type: 'value', axisLabel: { formatter: (value: number) => formatMsek(value, t('overview.millionsSek')) } },
      series: [
        { name: t('overview.budget'), type: 'bar', data: data.byYear.map((row) => row.budgetOre) },
        { name: t('overview.grantedAmount'), type: 'bar', data: data.byYear.map((row) => row.grantedOre) },
        { name: t('overview.requested'), type: 'line', data: data.byYear.map((row) => row.requestedOre) },
      ],
    };
  }, [data, t]);

  if (error) return <ErrorBanner error={error} />;
  if (!data) return <p aria-busy="true">{loading ? t('common.loading') : ''}</p>;
  const { totals } = data;
  const isEmpty = totals.applications === 0 && totals.indicatorValues === 0;

  return (
    <section aria-labelledby="section-title" className="overview">
      <h1 id="section-title">{t('overview.title')}</h1>
      {isEmpty ? (
        <div className="notice">
          <p>{t('overview.empty')}</p>
          <button type="button" className="primary" onClick={onLoadDemo} disabled={busy}>
            {t('overview.loadDemo')}
          </button>
        </div>
      ) : (
        <>
          <dl className="figures">
            <Figure testId="total-applications" label={t('overview.applications')} value={formatNumber(totals.applications)} />
            <Figure testId="total-granted" label={t('overview.granted')} value={formatNumber(totals.granted)} />
            <Figure testId="approval-rate" label={t('overview.approvalRate')} value={formatShare(totals.granted, totals.applications)} />
            <Figure testId="granted-amount" label={t('overview.grantedAmount')} value={formatSek(totals.grantedOre)} />
            <Figure testId="requested-amount" label={t('overview.requested')} value={formatSek(totals.requestedOre)} />
            <Figure testId="organisations" label={t('overview.organisations')} value={formatNumber(totals.organisations)} />
            <Figure testId="municipalities-reached" label={t('overview.municipalitiesReached')} value={formatNumber(totals.municipalitiesReached)} />
            <Figure testId="indicator-values" label={t('overview.indicatorValues')} value={formatNumber(totals.indicatorValues)} />
          </dl>
          {chart && <EChart option={chart} title={t('overview.chartTitle')} unit={t('overview.unitSek')} source={t('overview.source')} format={formatSek} />}
          <h2>{t('overview.byYear')}</h2>
          <div className="grid" data-testid="by-year-grid">
            <AgGridReact<YearRow> rowData={data.byYear} columnDefs={yearColumns} domLayout="autoHeight" localeText={gridLocale(i18n.language)} />
          </div>
          <h2>{t('overview.byApplicantType')}</h2>
          <div className="grid" data-testid="by-type-grid">
            <AgGridReact<TypeRow> rowData={data.byApplicantType} columnDefs={typeColumns} domLayout="autoHeight" localeText={gridLocale(i18n.language)} />
          </div>
        </>
      )}
    </section>
  );
}
