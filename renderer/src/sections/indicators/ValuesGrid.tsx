import type { ColDef } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { IndicatorDefinition, ValuesTable } from '../../../../main/contract/calls';
import { useCall } from '../../api/use-call';
import { ErrorBanner } from '../../components/ErrorBanner';
import { gridLocale } from '../../grid-locale';
import { IndicatorSelect, YearSelect, formatValue, useIndicatorChoice } from './choices';

type Row = ValuesTable['rows'][number];

/** Every place's value for one indicator and year, by sex, with where the figure came from. */
export function ValuesGrid({ definitions, version }: { definitions: IndicatorDefinition[]; version: number }) {
  const { t, i18n } = useTranslation();
  const { definition, year, setIndicator, setYear } = useIndicatorChoice(definitions);
  const { data, error } = useCall('indicators.values', { indicator: definition.code, period: year }, version);

  const columns = useMemo<ColDef<Row>[]>(() => {
    const value = (sex: 'T' | 'K' | 'M'): ColDef<Row> => ({
      field: sex,
      headerName: t(`indicators.sexes.${sex}`),
      type: 'rightAligned',
      filter: 'agNumberColumnFilter',
      // An empty cell is a missing value, never 0.
      valueFormatter: (params) => (params.value === null || params.value === undefined ? '' : formatValue(params.value as number)),
    });
    return [
      { field: 'code', headerName: t('indicators.grid.code'), width: 120, filter: 'agTextColumnFilter' },
      { field: 'name', headerName: t('indicators.grid.name'), flex: 1, minWidth: 160, filter: 'agTextColumnFilter' },
      { field: 'level', headerName: t('indicators.level'), width: 130, valueFormatter: (params) => t(`indicators.levels.${params.value as 'county'}`) },
      value('T'),
      ...(definition.bySex ? [value('K'), value('M')] : []),
      { field: 'source', headerName: t('indicators.grid.source'), flex: 1, minWidth: 200 },
    ];
  }, [t, definition.bySex]);

  return (
    <div className="indicator-view">
      <div className="controls">
        <IndicatorSelect definitions={definitions} value={definition.code} onChange={setIndicator} />
        <YearSelect years={definition.periods} value={year} onChange={setYear} />
      </div>
      {error !== undefined && <ErrorBanner error={error} />}
      <div className="grid" data-testid="indicator-values-grid" style={{ height: 520 }}>
        <AgGridReact<Row> rowData={data?.rows ?? []} columnDefs={columns} localeText={gridLocale(i18n.language)} getRowId={(params) => params.data.code} />
      </div>
    </div>
  );
}
