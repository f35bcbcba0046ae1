import type { ColDef } from 'ag-grid-community';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { GridQuery, OrganisationRow } from '../../../../main/contract/calls';
import { registerTables } from '../../../../main/contract/tables';
import { PagedGrid, textFilter } from '../../components/PagedGrid';
import { formatNumber } from '../../format';
import { counted } from '../../i18n/counts';

/** Every organisation in the register, paged in SQLite like the applications. */
export function OrganisationsGrid() {
  const { t } = useTranslation();
  const [total, setTotal] = useState<number | null>(null);
  const columnDefs = useMemo<ColDef<OrganisationRow>[]>(
    () => [
      { field: 'name', colId: 'name', headerName: t('applications.col.name'), sortable: true, flex: 2, ...textFilter },
      { field: 'orgNumber', colId: 'orgNumber', headerName: t('applications.col.orgNumber'), width: 170, ...textFilter },
      { field: 'type', colId: 'type', headerName: t('applications.col.type'), width: 170, valueFormatter: (p) => (p.value ? t(`applicantType.${p.value}`) : '') },
      { field: 'municipality', colId: 'municipality', headerName: t('applications.col.municipality'), width: 160, ...textFilter },
      { field: 'county', colId: 'county', headerName: t('applications.col.county'), width: 190, ...textFilter },
      {
        field: 'applications',
        colId: 'applications',
        headerName: t('applications.col.applications'),
        width: 130,
        type: 'rightAligned',
        valueFormatter: (p) => (p.value === undefined ? '' : formatNumber(p.value as number)),
      },
    ],
    [t],
  );
  const onQueryChange = useCallback((_query: GridQuery, count: number | null) => setTotal(count), []);
  return (
    <div className="register-grid">
      <div className="toolbar">
        <span className="total" role="status" data-testid="organisation-count">
          {total === null ? '' : t('applications.organisationCount', counted(total))}
        </span>
      </div>
      <PagedGrid
        pageCall="organisations.page"
        countCall="organisations.count"
        columnDefs={columnDefs}
        onQueryChange={onQueryChange}
        shows={registerTables}
        testId="organisations-grid"
      />
    </div>
  );
}
