import type { ColDef, FilterModel, GridApi, GridReadyEvent, IDatasource, IGetRowsParams, RowClickedEvent, SortModelItem } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ArgsIn, CallName, GridFilter, GridQuery, PageCursor, Result } from '../../../main/contract/calls';
import { call } from '../api/client';
import { gridLocale } from '../grid-locale';

/** Calls that answer a page request: rows, a total and the cursor of the next page. */
export type PageCallName = {
  [K in CallName]: Result<K> extends { rows: unknown[]; total: number | null; next: PageCursor | null } ? K : never;
}[CallName];
type RowOf<K extends PageCallName> = Result<K>['rows'][number];

const BLOCK = 100;
// Props AG Grid compares by reference: new objects on each render would re-apply the column
// definitions and undo what the user chose in the column chooser or a saved view.
const defaultColDef: ColDef = { sortable: false, resizable: true, minWidth: 90 };
const rowSelection = { mode: 'singleRow', checkboxes: false, enableClickSelection: true } as const;
const rowId = (params: { data: unknown }) => String((params.data as { id: number }).id);

const textOps: Record<string, 'contains' | 'equals' | 'startsWith'> = { contains: 'contains', equals: 'equals', startsWith: 'startsWith' };
const numberOps: Record<string, 'eq' | 'lt' | 'le' | 'gt' | 'ge'> = {
  equals: 'eq',
  lessThan: 'lt',
  lessThanOrEqual: 'le',
  greaterThan: 'gt',
  greaterThanOrEqual: 'ge',
};

/** Only what the server can do is offered in the column menus: one condition, these operators. */
export const textFilter = { filter: 'agTextColumnFilter', filterParams: { filterOptions: Object.keys(textOps), maxNumConditions: 1 } } as const;
export const numberFilter = { filter: 'agNumberColumnFilter', filterParams: { filterOptions: Object.keys(numberOps), maxNumConditions: 1 } } as const;

/** AG Grid's filter model as the contract's filters; `scale` turns kronor typed by a user into stored öre. */
export function toFilters(model: FilterModel, scale: Record<string, number> = {}): GridFilter[] {
  const filters: GridFilter[] = [];
  for (const [column, raw] of Object.entries(model)) {
    const entry = raw as { filterType?: string; type?: string; filter?: string | number };
    if (entry.filterType === 'text' && entry.type && textOps[entry.type] && typeof entry.filter === 'string') {
      filters.push({ kind: 'text', column, op: textOps[entry.type]!, value: entry.filter });
    } else if (entry.filterType === 'number' && entry.type && numberOps[entry.type] && typeof entry.filter === 'number') {
      filters.push({ kind: 'number', column, op: numberOps[entry.type]!, value: Math.round(entry.filter * (scale[column] ?? 1)) });
    }
  }
  return filters;
}

function toSort(model: SortModelItem[]): GridQuery['sort'] {
  const first = model[0];
  return first ? { column: first.colId, direction: first.sort } : null;
}

interface Props<K extends PageCallName> {
  pageCall: K;
  columnDefs: ColDef<RowOf<K>>[];
  /** Filters set outside the column menus (toolbar choices), added to the menus' ones. */
  extraFilters?: GridFilter[];
  search?: string;
  /** Multipliers for number filters, by column (amounts typed in kronor, stored in öre). */
  filterScale?: Record<string, number>;
  onQueryChange?: (query: GridQuery, total: number | null) => void;
  onRowClicked?: (row: RowOf<K>) => void;
  onGridReady?: (api: GridApi<RowOf<K>>) => void;
  testId?: string;
}

/**
 * AG Grid's infinite row model over a contract page call: sorting, filtering and paging happen in
 * SQLite. Each block remembers the cursor where it ended, so scrolling on reads the next block by
 * keyset; a jump to an unread block skips from the nearest block before it that was read.
 */
export function PagedGrid<K extends PageCallName>(props: Props<K>) {
  const { pageCall, columnDefs, extraFilters, search = '', filterScale, onQueryChange, onRowClicked, onGridReady, testId } = props;
  const { i18n } = useTranslation();
  const extraKey = JSON.stringify(extraFilters ?? []);
  const callbacks = useRef({ onQueryChange, filterScale });
  callbacks.current = { onQueryChange, filterScale };

  const datasource = useMemo<IDatasource>(() => {
    const cursors = new Map<number, PageCursor | null>();
    let queryKey = '';
    let total: number | null = null;
    return {
      getRows(params: IGetRowsParams) {
        const query: GridQuery = {
          sort: toSort(params.sortModel),
          filters: [...toFilters(params.filterModel as FilterModel, callbacks.current.filterScale), ...(JSON.parse(extraKey) as GridFilter[])],
          search,
        };
        const key = JSON.stringify(query);
        if (key !== queryKey) {
          queryKey = key;
          cursors.clear();
          cursors.set(0, null);
          total = null;
        }
        let from = 0;
        for (const known of cursors.keys()) if (known <= params.startRow && known > from) from = known;
        const after = cursors.get(from) ?? null;
        const args = { ...query, after, skip: params.startRow - from, limit: params.endRow - params.startRow, withTotal: total === null };
        call(pageCall, args as ArgsIn<K>).then(
          (page) => {
            if (key !== queryKey) return params.failCallback();
            if (page.total !== null) {
              total = page.total;
              callbacks.current.onQueryChange?.(query, total);
            }
            if (page.next) cursors.set(params.endRow, page.next);
            params.successCallback(page.rows, total ?? undefined);
          },
          () => params.failCallback(),
        );
      },
    };
  }, [pageCall, extraKey, search]);

  const [api, setApi] = useState<GridApi<RowOf<K>> | null>(null);
  // A new search or toolbar filter shows its first rows, not the depth the previous view was scrolled to.
  useEffect(() => {
    if (api && !api.isDestroyed()) api.ensureIndexVisible(0, 'top');
  }, [api, datasource]);
  const toTop = useCallback(() => api?.ensureIndexVisible(0, 'top'), [api]);

  const ready = useCallback(
    (event: GridReadyEvent<RowOf<K>>) => {
      setApi(event.api);
      onGridReady?.(event.api);
    },
    [onGridReady],
  );
  const clicked = useCallback((event: RowClickedEvent<RowOf<K>>) => event.data && onRowClicked?.(event.data), [onRowClicked]);

  return (
    <div className="paged-grid" data-testid={testId}>
      <AgGridReact<RowOf<K>>
        columnDefs={columnDefs}
        defaultColDef={defaultColDef}
        rowModelType="infinite"
        datasource={datasource}
        cacheBlockSize={BLOCK}
        maxBlocksInCache={50}
        // A register grid has a few dozen columns at most: all of them in the DOM keeps headers reachable (and testable).
        suppressColumnVirtualisation
        infiniteInitialRowCount={BLOCK}
        getRowId={rowId}
        rowSelection={rowSelection}
        maintainColumnOrder
        onRowClicked={clicked}
        onSortChanged={toTop}
        onFilterChanged={toTop}
        onGridReady={ready}
        localeText={gridLocale(i18n.language)}
      />
    </div>
  );
}
