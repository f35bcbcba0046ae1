import { useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldKey, fieldOfKey, fieldsOn, place, type Area, type Field, type Layout } from './layout';
import { FieldChip } from './FieldChip';
import { FilterValues } from './FilterValues';
import { MeasureParameters } from './MeasureParameters';

const areas: Area[] = ['rows', 'cols', 'filters', 'measures', 'fields'];

interface Props {
  layout: Layout;
  onChange: (next: Layout) => void;
}

/** The areas fields are put on, as in Excel's PivotTable: drop a field, or move it from its menu. */
export function Builder({ layout, onChange }: Props) {
  const { t } = useTranslation();
  const [over, setOver] = useState<Area | null>(null);

  const move = (next: Layout, field: Field) => {
    onChange(next);
    // The chip is drawn anew on its new area: the keyboard user stays on it.
    requestAnimationFrame(() => document.querySelector<HTMLButtonElement>(`[data-field="${fieldKey(field)}"] button.chip-name`)?.focus());
  };
  const drop = (area: Area) => (event: DragEvent) => {
    event.preventDefault();
    setOver(null);
    const field = fieldOfKey(event.dataTransfer.getData('text/plain'));
    if (!field) return;
    // Dropped on a chip: before it; anywhere else on the area: last.
    const before = (event.target as HTMLElement).closest<HTMLElement>('[data-index]');
    const index = before ? Number(before.dataset.index) : undefined;
    const next = place(layout, field, area, index);
    if (next) onChange(next);
  };

  return (
    <section className="crosstab-builder" aria-labelledby="crosstab-builder-title">
      <h2 id="crosstab-builder-title">{t('crosstab.builder')}</h2>
      <p className="hint">{t('crosstab.builderHint')}</p>
      <div className="builder-areas">
        {areas.map((area) => {
          const fields = fieldsOn(layout, area);
          return (
            <div
              key={area}
              className={`builder-area area-${area}${over === area ? ' over' : ''}`}
              role="group"
              aria-labelledby={`crosstab-area-${area}`}
              data-testid={`area-${area}`}
              onDragOver={(event) => {
                event.preventDefault();
                setOver(area);
              }}
              onDragLeave={() => setOver(null)}
              onDrop={drop(area)}
            >
              <h3 id={`crosstab-area-${area}`}>{t(`crosstab.areas.${area}`)}</h3>
              {fields.length === 0 ? (
                <p className="hint">{t(`crosstab.areaEmpty.${area}`)}</p>
              ) : (
                <ul>
                  {fields.map((field, index) => (
                    <FieldChip key={fieldKey(field)} field={field} layout={layout} onMove={move} index={index} />
                  ))}
                </ul>
              )}
            </div>
          );
        })}
      </div>
      {layout.filters.map((filter) => (
        <FilterValues
          key={filter.dimension}
          filter={filter}
          onChange={(values) => onChange({ ...layout, filters: layout.filters.map((other) => (other === filter ? { ...filter, values } : other)) })}
        />
      ))}
      <MeasureParameters layout={layout} onChange={onChange} />
    </section>
  );
}
