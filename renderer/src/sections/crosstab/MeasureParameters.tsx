import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { indicatorTables } from '../../../../main/contract/tables';
import { useCall } from '../../api/use-call';
import type { Layout } from './layout';

/** SCB's population figure, the per-capita measure's natural denominator. */
const POPULATION = 'BE0101N1';

/** The years indicator_change compares and the population per capita divides by, shown when those measures are. */
export function MeasureParameters({ layout, onChange }: { layout: Layout; onChange: (next: Layout) => void }) {
  const { t, i18n } = useTranslation();
  const indicators = useCall('indicators.list', {}, indicatorTables).data ?? [];
  const change = layout.measures.includes('indicator_change');
  const perCapita = layout.measures.includes('granted_sek_per_capita');
  const filtered = layout.filters.find((filter) => filter.dimension === 'indicator')?.values[0];
  const periods = indicators.find((indicator) => indicator.code === filtered)?.periods ?? [...new Set(indicators.flatMap((indicator) => indicator.periods))].sort();

  // A measure that needs a parameter starts with a sensible one: the first and last year, the population if the store has it.
  useEffect(() => {
    if (change && !layout.years && periods.length > 1) onChange({ ...layout, years: { from: periods[0]!, to: periods.at(-1)! } });
    else if (perCapita && !layout.population && indicators.length > 0) {
      onChange({ ...layout, population: indicators.some((indicator) => indicator.code === POPULATION) ? POPULATION : indicators[0]!.code });
    }
  }, [change, perCapita, layout, periods, indicators, onChange]);

  if (!change && !perCapita) return null;
  const year = (which: 'from' | 'to') => (
    <label>
      {t(`crosstab.${which}`)}
      <select
        value={layout.years?.[which] ?? ''}
        onChange={(event) => onChange({ ...layout, years: { from: periods[0]!, to: periods.at(-1)!, ...layout.years, [which]: Number(event.target.value) } })}
      >
        {periods.map((period) => (
          <option key={period} value={period}>
            {period}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <div className="toolbar measure-parameters">
      {change && (
        <fieldset>
          <legend>{t('crosstab.years')}</legend>
          {year('from')}
          {year('to')}
        </fieldset>
      )}
      {perCapita && (
        <label>
          {t('crosstab.population')}
          <select value={layout.population ?? ''} onChange={(event) => onChange({ ...layout, population: event.target.value })}>
            {indicators.map((indicator) => (
              <option key={indicator.code} value={indicator.code}>
                {indicator.code} {i18n.language === 'en' ? indicator.nameEn : indicator.nameSv}
              </option>
            ))}
          </select>
        </label>
      )}
    </div>
  );
}
