import type { ColDef } from 'ag-grid-community';
import { useCallback, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { GridFilter, GridQuery, IndicatorDefinition, ValueRow } from '../../../../main/contract/calls';
import { boundaryLevels, indicatorSexes, sortsWithinOneIndicator } from '../../../../main/contract/calls';
import { indicatorTables } from '../../../../main/contract/tables';
import { numberFilter, PagedGrid, textFilter } from '../../components/PagedGrid';
import { counted } from '../../i18n/counts';
import { formatValue, useIndicatorName } from './choices';

const levels = ['country', ...boundaryLevels] as const;

/** What the toolbar narrows the values to; '' is "all". */
interface Choice {
  indicator: string;
  year: string;
  sex: string;
  level: string;
}

function ChoiceSelect(props: {
  label: string;
  all: string;
  value: string;
  options: { value: string; label: string }[];
  onChange: (value: string) => void;
  describedBy?: string;
}) {
  return (
    <label>
      {props.label}
      <select value={props.value} aria-describedby={props.describedBy} onChange={(event) => props.onChange(event.target.value)}>
        <option value="">{props.all}</option>
        {props.options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </label>
  );
}

/**
 * Every value in the store, one row each, paged in SQLite: narrowed by indicator, year, sex and
 * level in the toolbar and by place or value in the column menus, sorted by place, year or value
 * within one indicator (values of several are in different units; the contract refuses that sort).
 * Opens on the first indicator's latest year, the view an analyst usually starts from.
 */
export function ValuesGrid({ definitions }: { definitions: IndicatorDefinition[] }) {
  const { t } = useTranslation();
  const name = useIndicatorName();
  const first = definitions[0]!;
  const [choice, setChoice] = useState<Choice>({ indicator: first.code, year: String(first.periods.at(-1)!), sex: '', level: '' });
  const [total, setTotal] = useState<number | null>(null);
  const choose = (key: keyof Choice) => (value: string) => setChoice((current) => ({ ...current, [key]: value }));

  const chosen = definitions.find((definition) => definition.code === choice.indicator);
  const years = useMemo(
    () => [...new Set((chosen ? [chosen] : definitions).flatMap((definition) => definition.periods))].sort((a, b) => b - a),
    [chosen, definitions],
  );
  // A year the newly chosen indicator does not have falls back to its latest, not to an empty grid.
  const year = choice.year === '' || years.includes(Number(choice.year)) ? choice.year : String(years[0] ?? '');

  const extraFilters = useMemo<GridFilter[]>(() => {
    const filters: GridFilter[] = [];
    if (choice.indicator) filters.push({ kind: 'set', column: 'indicator', values: [choice.indicator] });
    if (year) filters.push({ kind: 'number', column: 'year', op: 'eq', value: Number(year) });
    if (choice.sex) filters.push({ kind: 'set', column: 'sex', values: [choice.sex] });
    if (choice.level) filters.push({ kind: 'set', column: 'level', values: [choice.level] });
    return filters;
  }, [choice.indicator, year, choice.sex, choice.level]);
  // The contract's own rule, asked of a sort on these filters: true once one indicator is chosen.
  const sortable = sortsWithinOneIndicator({ sort: { column: 'value', direction: 'desc' }, filters: extraFilters });
  const hintId = useId();

  const columnDefs = useMemo<ColDef<ValueRow>[]>(() => {
    const byCode = new Map(definitions.map((definition) => [definition.code, definition]));
    return [
      {
        field: 'indicator',
        colId: 'indicator',
        headerName: t('indicators.indicator'),
        flex: 1,
        minWidth: 200,
        valueFormatter: (params) => (params.value ? name(byCode.get(params.value as string)) || (params.value as string) : ''),
      },
      { field: 'geoCode', colId: 'geoCode', headerName: t('indicators.grid.code'), width: 110, sortable, ...textFilter },
      { field: 'placeName', colId: 'placeName', headerName: t('indicators.grid.name'), flex: 1, minWidth: 130, ...textFilter },
      { field: 'level', colId: 'level', headerName: t('indicators.level'), width: 115, valueFormatter: (params) => (params.value ? t(`indicators.levels.${params.value as 'county'}`) : '') },
      { field: 'year', colId: 'year', headerName: t('indicators.year'), width: 90, sortable },
      { field: 'sex', colId: 'sex', headerName: t('indicators.sex'), width: 110, valueFormatter: (params) => (params.value ? t(`indicators.sexes.${params.value as 'T'}`) : '') },
      {
        field: 'value',
        colId: 'value',
        headerName: t('indicators.grid.value'),
        width: 130,
        type: 'rightAligned',
        sortable,
        ...numberFilter,
        valueFormatter: (params) => (params.value === undefined ? '' : formatValue(params.value as number)),
      },
      { field: 'source', colId: 'source', headerName: t('indicators.grid.source'), flex: 1, minWidth: 120 },
    ];
  }, [t, name, definitions, sortable]);

  const onQueryChange = useCallback((_query: GridQuery, count: number | null) => setTotal(count), []);

  return (
    <div className="indicator-view">
      <div className="controls">
        <ChoiceSelect
          label={t('indicators.indicator')}
          all={t('indicators.grid.allIndicators')}
          value={choice.indicator}
          options={definitions.map((definition) => ({ value: definition.code, label: name(definition) }))}
          onChange={choose('indicator')}
          describedBy={sortable ? undefined : hintId}
        />
        <ChoiceSelect
          label={t('indicators.year')}
          all={t('indicators.grid.allYears')}
          value={year}
          options={years.map((year) => ({ value: String(year), label: String(year) }))}
          onChange={choose('year')}
        />
        <ChoiceSelect
          label={t('indicators.sex')}
          all={t('indicators.grid.allSexes')}
          value={choice.sex}
          options={indicatorSexes.map((sex) => ({ value: sex, label: t(`indicators.sexes.${sex}`) }))}
          onChange={choose('sex')}
        />
        <ChoiceSelect
          label={t('indicators.level')}
          all={t('indicators.grid.allLevels')}
          value={choice.level}
          options={levels.map((level) => ({ value: level, label: t(`indicators.levels.${level}`) }))}
          onChange={choose('level')}
        />
        {!sortable && (
          <span className="hint" id={hintId} data-testid="value-sort-hint">
            {t('indicators.grid.sortHint')}
          </span>
        )}
        <span className="total" role="status" data-testid="value-count">
          {total === null ? '' : t('indicators.grid.count', counted(total))}
        </span>
      </div>
      <PagedGrid
        // An import or demo data changes the store: the grid reads it again, count included, and
        // keeps the user's sort and column filters (as the register's grid does after an edit).
        shows={indicatorTables}
        pageCall="indicators.valuesPage"
        countCall="indicators.valuesCount"
        columnDefs={columnDefs}
        extraFilters={extraFilters}
        canSort={sortsWithinOneIndicator}
        onQueryChange={onQueryChange}
        testId="indicator-values-grid"
      />
    </div>
  );
}
