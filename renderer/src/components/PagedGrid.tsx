import type { CellKeyDownEvent, ColDef, FilterModel, GridApi, GridReadyEvent, IDatasource, IGetRowsParams, RowClickedEvent, SortModelItem, ViewportChangedEvent } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ArgsIn, CallName, GridFilter, GridQuery, PageCursor, Result } from '../../../main/contract/calls';
import type { StoreTable } from '../../../main/contract/tables';
import { call } from '../api/client';
import { useTablesVersion } from '../api/store-changes';
import { gridLocale } from '../grid-locale';

/** Calls that answer a page request: rows and the cursor of the next page. */
export type PageCallName = {
  [K in CallName]: Result<K> extends { rows: unknown[]; next: PageCursor | null } ? K : never;
}[CallName];
/** Calls that count the rows of a view, asked beside its first page. */
export type CountCallName = { [K in CallName]: Result<K> extends number ? K : never }[CallName];
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
  /** Counts the view pageCall pages, with the same query. */
  countCall: CountCallName;
  columnDefs: ColDef<RowOf<K>>[];
  /** Filters set outside the column menus (toolbar choices), added to the menus' ones. */
  extraFilters?: GridFilter[];
  /** Arguments pageCall and countCall take beyond sort, filters and search (the applications grid's cross-tab cell), part of every view. */
  viewArgs?: Record<string, unknown>;
  search?: string;
  /** Multipliers for number filters, by column (amounts typed in kronor, stored in öre). */
  filterScale?: Record<string, number>;
  /**
   * Whether pageCall accepts this view sorted (its contract's rule, e.g. the values grid's one
   * indicator). A sort it would refuse, left from before the view changed, is cleared in the headers
   * and never asked for. The columns' `sortable` should follow the same rule.
   */
  canSort?: (query: GridQuery) => boolean;
  /** A new view (total null), then its total once counted. */
  onQueryChange?: (query: GridQuery, total: number | null) => void;
  onRowClicked?: (row: RowOf<K>) => void;
  onGridReady?: (api: GridApi<RowOf<K>>) => void;
  testId?: string;
  /** The tables the rows come from: when a write changes one, the rows shown are read again and the view counted again. */
  shows: readonly StoreTable[];
}

/** A block's page request; it is sent only while the block is rendered, and cancelled when scrolled past. */
interface BlockFetch {
  startRow: number;
  endRow: number;
  send: () => void;
  /** Set while the request is out. */
  controller: AbortController | null;
}

/** One datasource's block requests, by first row, and its count; a new view cancels them all. */
class Requests {
  readonly blocks = new Map<number, BlockFetch>();
  count: AbortController | null = null;

  drop(): void {
    for (const fetch of this.blocks.values()) fetch.controller?.abort();
    this.blocks.clear();
    this.count?.abort();
    this.count = null;
  }
}

/**
 * AG Grid's infinite row model over a contract page call: sorting, filtering and paging happen in
 * SQLite. Each block remembers the cursor where it ended, so scrolling on reads the next block by
 * keyset; a jump to an unread block skips from the nearest block before it that was read. A new
 * view's rows show as soon as its first page is read: its total is counted by a call of its own
 * (counting every match costs far more than a page), and the row count is set when it comes.
 */
const leaveGrid = () => false as const;

export function PagedGrid<K extends PageCallName>(props: Props<K>) {
  const { pageCall, countCall, columnDefs, extraFilters, viewArgs, search = '', filterScale, canSort, onQueryChange, onRowClicked, onGridReady, testId, shows } = props;
  const storeVersion = useTablesVersion(shows);
  const { i18n } = useTranslation();
  const extraKey = JSON.stringify(extraFilters ?? []);
  const viewArgsKey = JSON.stringify(viewArgs ?? {});
  const callbacks = useRef({ onQueryChange, filterScale, canSort });
  callbacks.current = { onQueryChange, filterScale, canSort };
  const [api, setApi] = useState<GridApi<RowOf<K>> | null>(null);
  const apiRef = useRef<GridApi<RowOf<K>> | null>(null);
  // The view whose answers may still be shown: a page or a count that comes back for an earlier
  // one (of this datasource or a replaced one) is dropped, so it never overwrites the newer view's.
  const latestView = useRef<object | null>(null);
  const recount = useRef(false);
  const rendered = useRef({ first: 0, last: -1 });
  const isRendered = (fetch: BlockFetch) => {
    const { first, last } = rendered.current;
    // Before the first rows are drawn every block the grid asks for is one it is about to show.
    return last < first || (fetch.endRow > first && fetch.startRow <= last);
  };

  const { datasource, requests } = useMemo(() => {
    const requests = new Requests();
    const cursors = new Map<number, PageCursor | null>();
    let queryKey = '';
    let view: object = {};
    let total: number | null = null;

    const count = (query: GridQuery, counted: object) => {
      const controller = new AbortController();
      requests.count = controller;
      // Column ids come from the grid's own definitions; the contract checks them against the whitelist.
      return call(countCall, query as ArgsIn<CountCallName>, controller.signal).then(
        (n) => {
          if (latestView.current !== counted) return;
          total = n;
          apiRef.current?.setRowCount(n, true);
          callbacks.current.onQueryChange?.(query, n);
        },
        // Without a total the rows still page; the grid grows as it is scrolled, as before the count.
        () => {},
      );
    };

    const datasource: IDatasource = {
      getRows(params: IGetRowsParams) {
        const query: GridQuery = {
          ...(JSON.parse(viewArgsKey) as Record<string, unknown>),
          sort: toSort(params.sortModel),
          filters: [...toFilters(params.filterModel as FilterModel, callbacks.current.filterScale), ...(JSON.parse(extraKey) as GridFilter[])],
          search,
        };
        if (query.sort && callbacks.current.canSort?.(query) === false) {
          // The toolbar changed the view under a sort it does not allow (AG Grid keeps a column's
          // sort when its definition changes). Clearing it reads the view again, unsorted; this
          // block is dropped, as the boundary would refuse its request.
          params.failCallback();
          apiRef.current?.applyColumnState({ defaultState: { sort: null } });
          return;
        }
        const key = JSON.stringify(query);
        const fresh = key !== queryKey;
        if (fresh) {
          requests.drop();
          queryKey = key;
          view = {};
          latestView.current = view;
          cursors.clear();
          cursors.set(0, null);
          total = null;
          callbacks.current.onQueryChange?.(query, null);
        }
        const asked = view;
        const fetch: BlockFetch = {
          startRow: params.startRow,
          endRow: params.endRow,
          controller: null,
          send() {
            // From the nearest block read before this one: a block sent after scrolling back may start nearer.
            let from = 0;
            for (const known of cursors.keys()) if (known <= params.startRow && known > from) from = known;
            const after = cursors.get(from) ?? null;
            const args = { ...query, after, skip: params.startRow - from, limit: params.endRow - params.startRow };
            const controller = new AbortController();
            fetch.controller = controller;
            call(pageCall, args as ArgsIn<K>, controller.signal).then(
              (page) => {
                if (requests.blocks.get(params.startRow) === fetch) requests.blocks.delete(params.startRow);
                if (latestView.current !== asked) return params.failCallback();
                if (page.next) cursors.set(params.endRow, page.next);
                // The last row is known once counted, or when this block ran out before its end.
                params.successCallback(page.rows, total ?? (page.next ? undefined : params.startRow + page.rows.length));
              },
              () => {
                // Cancelled because scrolled past, the block waits (still loading to the grid) until it is shown again.
                if (controller.signal.aborted && requests.blocks.get(params.startRow) === fetch) return;
                requests.blocks.delete(params.startRow);
                params.failCallback();
              },
            );
          },
        };
        requests.blocks.get(params.startRow)?.controller?.abort();
        requests.blocks.set(params.startRow, fetch);
        if (isRendered(fetch)) fetch.send();
        // Asked after the page: the store answers calls in turn, and the rows should not wait for the count.
        if (fresh || recount.current) {
          recount.current = false;
          void count(query, view);
        }
      },
    };
    return { datasource, requests };
  }, [pageCall, countCall, extraKey, viewArgsKey, search]);
  // Its own requests only: the grid may already have asked the next datasource for rows.
  useEffect(() => () => requests.drop(), [requests]);
  const shownRequests = useRef(requests);
  shownRequests.current = requests;

  useEffect(() => {
    if (!storeVersion || !api || api.isDestroyed()) return;
    recount.current = true;
    api.refreshInfiniteCache();
  }, [api, storeVersion]);

  /** Sends the requests of blocks scrolled into view and cancels those of blocks scrolled past. */
  const viewportChanged = useCallback((event: ViewportChangedEvent<RowOf<K>>) => {
    rendered.current = { first: event.firstRow, last: event.lastRow };
    const cached = event.api.getCacheBlockState() as Record<string, unknown>;
    const { blocks } = shownRequests.current;
    for (const [startRow, fetch] of blocks) {
      // A block the grid dropped from its cache is asked for again if it is ever needed.
      if (!(String(startRow / BLOCK) in cached)) {
        fetch.controller?.abort();
        blocks.delete(startRow);
      } else if (isRendered(fetch)) {
        if (!fetch.controller) fetch.send();
      } else if (fetch.controller) {
        const controller = fetch.controller;
        fetch.controller = null;
        controller.abort();
      }
    }
  }, []);

  // A new search or toolbar filter shows its first rows, not the depth the previous view was scrolled to.
  useEffect(() => {
    if (api && !api.isDestroyed()) api.ensureIndexVisible(0, 'top');
  }, [api, datasource]);
  const toTop = useCallback(() => api?.ensureIndexVisible(0, 'top'), [api]);

  const ready = useCallback(
    (event: GridReadyEvent<RowOf<K>>) => {
      apiRef.current = event.api;
      setApi(event.api);
      onGridReady?.(event.api);
    },
    [onGridReady],
  );
  const clicked = useCallback((event: RowClickedEvent<RowOf<K>>) => event.data && onRowClicked?.(event.data), [onRowClicked]);
  // Enter or Space on a row does what a click does (the WAI-ARIA grid pattern's activation keys).
  const keyed = useCallback(
    (event: CellKeyDownEvent<RowOf<K>>) => {
      const key = (event.event as KeyboardEvent | null)?.key;
      if ((key === 'Enter' || key === ' ') && event.data) {
        event.event?.preventDefault();
        onRowClicked?.(event.data);
      }
    },
    [onRowClicked],
  );

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
        // The grid hands over every block it wants at once; this component sends only the rendered ones.
        maxConcurrentDatasourceRequests={-1}
        onViewportChanged={viewportChanged}
        getRowId={rowId}
        rowSelection={rowSelection}
        maintainColumnOrder
        onRowClicked={clicked}
        onCellKeyDown={keyed}
        // The grid is one stop in the page's tab order: arrow keys move within it (headers
        // included), Tab leaves it, instead of stopping on every column header and cell.
        tabToNextHeader={leaveGrid}
        tabToNextCell={leaveGrid}
        onSortChanged={toTop}
        onFilterChanged={toTop}
        onGridReady={ready}
        localeText={gridLocale(i18n.language)}
      />
    </div>
  );
}
