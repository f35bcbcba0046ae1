import type { ColumnState, GridApi } from 'ag-grid-community';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApplicantType, ApplicationCell, ApplicationColumn, ArgsIn, ApplicationRow, GridFilter, GridQuery, Stage, Status } from '../../../../main/contract/calls';
import { applicantTypes, applicationColumns, stages, statuses } from '../../../../main/contract/calls';
import { registerTables } from '../../../../main/contract/tables';
import { call } from '../../api/client';
import { PagedGrid } from '../../components/PagedGrid';
import { applicationColumnDefs, filterScale } from './application-columns';
import { ColumnChooser } from './ColumnChooser';
import { SavedViews } from './SavedViews';
import { counted } from '../../i18n/counts';

/** The toolbar's part of a view: search and the choices that have no column menu filter. */
interface Toolbar {
  search: string;
  status: Status | '';
  stage: Stage | '';
  type: ApplicantType | '';
}
// The grid builds its query from whitelisted column ids; the export call checks them again.
type ExportQuery = ArgsIn<'applications.export'>['query'];

const emptyToolbar: Toolbar = { search: '', status: '', stage: '', type: '' };

const exportable: ReadonlySet<string> = new Set(applicationColumns);

/** The columns a narrow grid beside the detail pane keeps: enough to find and tell rows apart. */
const compactColumns: ReadonlySet<string> = new Set<ApplicationColumn>(['caseNumber', 'title', 'status']);

interface Props {
  /**
   * Beside the detail pane: only the key columns, so the narrow grid does not scroll sideways; the
   * tools that shape the full view (columns, saved views, export) wait until the pane is closed.
   */
  compact: boolean;
  /** A cross-tab cell whose applications the grid narrows to, under the user's own filters, sort and search. */
  crosstabCell?: ApplicationCell;
  onOpen: (id: number) => void;
  onError: (error: unknown) => void;
}

export function ApplicationsGrid({ compact, crosstabCell, onOpen, onError }: Props) {
  const { t, i18n } = useTranslation();
  const [api, setApi] = useState<GridApi<ApplicationRow> | null>(null);
  const [toolbar, setToolbar] = useState<Toolbar>(emptyToolbar);
  const [search, setSearch] = useState('');
  const [shown, setShown] = useState<{ query: GridQuery; total: number | null }>({ query: { sort: null, filters: [], search: '' }, total: null });
  const [notice, setNotice] = useState('');
  const columnDefs = useMemo(() => applicationColumnDefs(t), [t]);
  // The user's columns while the grid is compact, put back when the pane closes.
  const fullView = useRef<ColumnState[] | null>(null);
  useEffect(() => {
    if (!api) return;
    if (compact && !fullView.current) {
      fullView.current = api.getColumnState();
      const ids = columnDefs.map((column) => column.colId!);
      api.setColumnsVisible(ids.filter((id) => !compactColumns.has(id)), false);
      api.setColumnsVisible(ids.filter((id) => compactColumns.has(id)), true);
    } else if (!compact && fullView.current) {
      api.applyColumnState({ state: fullView.current, applyOrder: true });
      fullView.current = null;
    }
  }, [api, compact, columnDefs]);

  // Searching as one types, but not a query per keystroke.
  useEffect(() => {
    const timer = setTimeout(() => setSearch(toolbar.search), 250);
    return () => clearTimeout(timer);
  }, [toolbar.search]);

  const extraFilters = useMemo<GridFilter[]>(() => {
    const filters: GridFilter[] = [];
    if (toolbar.status) filters.push({ kind: 'set', column: 'status', values: [toolbar.status] });
    if (toolbar.stage) filters.push({ kind: 'set', column: 'stage', values: [toolbar.stage] });
    if (toolbar.type) filters.push({ kind: 'set', column: 'applicantType', values: [toolbar.type] });
    return filters;
  }, [toolbar.status, toolbar.stage, toolbar.type]);
  const viewArgs = useMemo(() => ({ crosstabCell: crosstabCell ?? [] }), [crosstabCell]);

  const onQueryChange = useCallback((query: GridQuery, total: number | null) => setShown({ query, total }), []);
  const onRowClicked = useCallback((row: ApplicationRow) => onOpen(row.id), [onOpen]);

  const exportView = async (format: 'csv' | 'xlsx') => {
    if (!api) return;
    setNotice('');
    try {
      const picked = await call('files.pick', { purpose: 'export', extensions: [format], suggestedName: `ansokningar.${format}` });
      if (!picked) return;
      // The columns computed from payments and reports stay out: an import would not read them back.
      const columns = api
        .getAllDisplayedColumns()
        .filter((column) => exportable.has(column.getColId()))
        .map((column) => ({ key: column.getColId() as ApplicationColumn, header: column.getColDef().headerName ?? column.getColId() }));
      const language = i18n.language === 'en' ? 'en' : 'sv';
      const result = await call('applications.export', { fileId: picked.fileId, format, query: shown.query as ExportQuery, columns, language });
      setNotice(t('applications.exported', { ...counted(result.rows), name: picked.name }));
    } catch (error) {
      onError(error);
    }
  };

  const choose = <K extends keyof Toolbar>(key: K, value: Toolbar[K]) => setToolbar((current) => ({ ...current, [key]: value }));

  return (
    <div className="register-grid">
      <div className="toolbar">
        <input
          type="search"
          className="search"
          aria-label={t('applications.search')}
          placeholder={t('applications.search')}
          value={toolbar.search}
          onChange={(event) => choose('search', event.target.value)}
        />
        <select aria-label={t('applications.col.status')} value={toolbar.status} onChange={(event) => choose('status', event.target.value as Status | '')}>
          <option value="">{t('applications.allStatuses')}</option>
          {statuses.map((status) => (
            <option key={status} value={status}>
              {t(`applications.status.${status}`)}
            </option>
          ))}
        </select>
        <select aria-label={t('applications.col.stage')} value={toolbar.stage} onChange={(event) => choose('stage', event.target.value as Stage | '')}>
          <option value="">{t('applications.allStages')}</option>
          {stages.map((stage) => (
            <option key={stage} value={stage}>
              {t(`applications.stage.${stage}`)}
            </option>
          ))}
        </select>
        <select aria-label={t('applications.col.applicantType')} value={toolbar.type} onChange={(event) => choose('type', event.target.value as ApplicantType | '')}>
          <option value="">{t('applications.allTypes')}</option>
          {applicantTypes.map((type) => (
            <option key={type} value={type}>
              {t(`applicantType.${type}`)}
            </option>
          ))}
        </select>
        {!compact && (
          <>
            <ColumnChooser api={api} columns={columnDefs.map((c) => ({ colId: c.colId!, label: c.headerName! }))} />
            <button type="button" onClick={() => exportView('csv')}>
              {t('applications.exportCsv')}
            </button>
            <button type="button" onClick={() => exportView('xlsx')}>
              {t('applications.exportXlsx')}
            </button>
          </>
        )}
      </div>
      <div className="toolbar">
        {!compact && <SavedViews grid="applications" api={api} extra={toolbar} onApplyExtra={setToolbar} onError={onError} />}
        <span className="total" role="status" data-testid="application-count">
          {shown.total === null ? '' : t('applications.count', counted(shown.total))}
        </span>
      </div>
      {notice && (
        <p className="notice-line" role="status">
          {notice}
        </p>
      )}
      <PagedGrid
        pageCall="applications.page"
        countCall="applications.count"
        columnDefs={columnDefs}
        extraFilters={extraFilters}
        viewArgs={viewArgs}
        search={search}
        filterScale={filterScale}
        onQueryChange={onQueryChange}
        onRowClicked={onRowClicked}
        onGridReady={setApi}
        shows={registerTables}
        testId="applications-grid"
      />
    </div>
  );
}
