import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IndicatorDefinition, Sex } from '../../../../main/contract/calls';
import { indicatorSexes } from '../../../../main/contract/calls';

/** The indicator's name in the UI's language; its code, said to be without a name, until it has one. */
export function useIndicatorName(): (definition: IndicatorDefinition | undefined) => string {
  const { t, i18n } = useTranslation();
  const english = i18n.language.startsWith('en');
  return useCallback(
    (definition) => {
      if (!definition) return '';
      if (definition.nameMissing) return `${definition.code} (${t('indicators.nameMissing')})`;
      return english ? definition.nameEn : definition.nameSv;
    },
    [english, t],
  );
}

/** Values are shown with Swedish formatting, as many decimals as the figure has (up to two). */
export const formatValue = (value: number): string => new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 2 }).format(value);

export function IndicatorSelect({ definitions, value, onChange }: { definitions: IndicatorDefinition[]; value: string; onChange: (code: string) => void }) {
  const { t } = useTranslation();
  const name = useIndicatorName();
  return (
    <label>
      {t('indicators.indicator')}
      <select value={value} onChange={(event) => onChange(event.target.value)}>
        {definitions.map((definition) => (
          <option key={definition.code} value={definition.code}>
            {name(definition)}
          </option>
        ))}
      </select>
    </label>
  );
}

export function YearSelect({ years, value, onChange }: { years: number[]; value: number; onChange: (year: number) => void }) {
  const { t } = useTranslation();
  return (
    <label>
      {t('indicators.year')}
      <select value={value} onChange={(event) => onChange(Number(event.target.value))}>
        {years.map((year) => (
          <option key={year} value={year}>
            {year}
          </option>
        ))}
      </select>
    </label>
  );
}

export function SexSelect({ value, onChange, allowed }: { value: Sex; onChange: (sex: Sex) => void; allowed: readonly Sex[] }) {
  const { t } = useTranslation();
  return (
    <label>
      {t('indicators.sex')}
      <select value={value} onChange={(event) => onChange(event.target.value as Sex)}>
        {allowed.map((sex) => (
          <option key={sex} value={sex}>
            {t(`indicators.sexes.${sex}`)}
          </option>
        ))}
      </select>
    </label>
  );
}

export const sexesOf = (definition: IndicatorDefinition | undefined): readonly Sex[] => (definition?.bySex ? indicatorSexes : ['T']);

/**
 * The indicator, year and sex a view shows: the latest year by default, and a year or sex the newly
 * chosen indicator does not have falls back rather than asking for values that cannot exist.
 */
export function useIndicatorChoice(definitions: IndicatorDefinition[]) {
  const [indicator, setIndicator] = useState(definitions[0]!.code);
  const definition = definitions.find((candidate) => candidate.code === indicator) ?? definitions[0]!;
  const [chosenYear, setYear] = useState<number | null>(null);
  const year = chosenYear !== null && definition.periods.includes(chosenYear) ? chosenYear : definition.periods.at(-1)!;
  const [chosenSex, setSex] = useState<Sex>('T');
  const sex = sexesOf(definition).includes(chosenSex) ? chosenSex : 'T';
  return { definition, year, sex, setIndicator, setYear, setSex };
}
