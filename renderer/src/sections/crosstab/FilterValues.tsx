import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { DimensionValue } from '../../../../main/contract/domains/crosstab';
import { MultiPicker } from '../../components/MultiPicker';
import type { FilterChoice } from './layout';
import { useMembers } from './members';
import { memberLabel } from './words';

/** The most values one filter may hold (the contract's bound). */
const MAX_VALUES = 400;

/** The values a filter keeps, chosen from the members the store has. Values travel as JSON: a key may be a number or null. */
export function FilterValues({ filter, onChange }: { filter: FilterChoice; onChange: (values: DimensionValue[]) => void }) {
  const { t, i18n } = useTranslation();
  const members = useMembers(filter.dimension, i18n.language);
  const options = useMemo(
    () => members.map((member) => ({ value: JSON.stringify(member.key), label: memberLabel(t, filter.dimension, member) })),
    [members, filter.dimension, t],
  );
  return (
    <div className="filter-values" data-testid={`filter-${filter.dimension}`}>
      <MultiPicker
        label={t('crosstab.filterValues', { name: t(`crosstab.dimension.${filter.dimension}`) })}
        options={options}
        chosen={filter.values.map((value) => JSON.stringify(value))}
        onChange={(chosen) => onChange(chosen.map((value) => JSON.parse(value) as DimensionValue))}
        max={MAX_VALUES}
      />
      {filter.values.length === 0 && <p className="hint">{t('crosstab.filterUnset')}</p>}
    </div>
  );
}
