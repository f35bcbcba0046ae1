import type { ColDef } from 'ag-grid-community';
import type { TFunction } from 'i18next';
import type { ApplicationGridColumn, ApplicationRow } from '../../../../main/contract/calls';
import { applicationSortable } from '../../../../main/contract/calls';
import { localDay } from '../../../../main/contract/local-day';
import { numberFilter, textFilter } from '../../components/PagedGrid';
import { formatSek } from '../../format';

const sortable = new Set<string>(applicationSortable);

/** Columns hidden until chosen in the column chooser. */
export const hiddenByDefault = new Set<ApplicationGridColumn>(['orgNumber', 'county', 'lastYear', 'includesEvaluation', 'callYear']);

/** Amount filters are typed in kronor and sent in öre. */
export const filterScale = { requestedOre: 100, grantedOre: 100 };

/** A report due before the user's today that has not come in. */
function isOverdue(dueOn: string): boolean {
  return dueOn < localDay();
}

export function applicationColumnDefs(t: TFunction): ColDef<ApplicationRow>[] {
  const col = (field: ApplicationGridColumn, extra: ColDef<ApplicationRow> = {}): ColDef<ApplicationRow> => ({
    field,
    colId: field,
    headerName: t(`applications.col.${field}`),
    sortable: sortable.has(field),
    hide: hiddenByDefault.has(field),
    ...extra,
  });
  const shownSek = (p: { value: number | null }) => (p.value === null || p.value === undefined ? '' : formatSek(p.value));
  const amount = { ...numberFilter, type: 'rightAligned', width: 150, valueFormatter: shownSek };
  return [
    col('caseNumber', { ...textFilter, width: 130, pinned: 'left' }),
    col('title', { ...textFilter, flex: 2, minWidth: 200 }),
    col('organisation', { ...textFilter, flex: 1, minWidth: 200 }),
    col('orgNumber', { ...textFilter, width: 150 }),
    col('applicantType', { width: 150, valueFormatter: (p) => (p.value ? t(`applicantType.${p.value}`) : '') }),
    col('municipality', { ...textFilter, width: 140 }),
    col('county', { ...textFilter, width: 150 }),
    col('callYear', { ...numberFilter, width: 110 }),
    col('firstYear', { ...numberFilter, width: 110 }),
    col('lastYear', { ...numberFilter, width: 110 }),
    col('stage', { width: 170, valueFormatter: (p) => (p.value ? t(`applications.stage.${p.value}`) : '') }),
    col('status', { width: 160, valueFormatter: (p) => (p.value ? t(`applications.status.${p.value}`) : '') }),
    col('requestedOre', amount),
    col('grantedOre', amount),
    // Computed per row from payments and reports: neither filtered nor sorted (see the contract).
    col('paidOre', { type: 'rightAligned', width: 150, valueFormatter: shownSek }),
    col('nextReportOn', {
      width: 190,
      valueFormatter: (p) => (p.value ? (isOverdue(p.value) ? `${p.value} · ${t('applications.overdue')}` : p.value) : ''),
      cellClass: (p) => (p.value && isOverdue(p.value) ? ['timeliness', 'overdue'] : undefined),
    }),
    col('includesEvaluation', { width: 110, valueFormatter: (p) => (p.value === 1 ? t('applications.yes') : p.value === 0 ? t('applications.no') : '') }),
    col('receivedOn', { ...textFilter, width: 120 }),
  ];
}
