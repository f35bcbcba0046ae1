import { useState, type DragEvent, type FocusEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { areaOf, fieldKey, place, shift, type Area, type Field, type Layout } from './layout';

interface Props {
  field: Field;
  /** Its place on its area, where a field dropped on it goes. */
  index: number;
  layout: Layout;
  /** A move, already checked by `place` or `shift`. */
  onMove: (next: Layout, field: Field) => void;
}

/**
 * One field on an area: dragged with the mouse, or opened with Enter or Space into the buttons that
 * move it (to another area, up, down, away). A move that is not allowed is a disabled button.
 */
export function FieldChip({ field, index, layout, onMove }: Props) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const name = t(`crosstab.${field.kind}.${field.id}`);
  const area = areaOf(layout, field);
  const key = fieldKey(field);

  const targets: Area[] = field.kind === 'measure' ? ['measures'] : ['rows', 'cols', 'filters'];
  const moves: { label: string; next: Layout | null }[] = [
    ...targets.filter((to) => to !== area).map((to) => ({ label: t(`crosstab.move.${to}`), next: place(layout, field, to) })),
    ...(area === 'fields'
      ? []
      : [
          ...(area === 'cols' ? [] : [
            { label: t('crosstab.move.up'), next: shift(layout, field, -1) },
            { label: t('crosstab.move.down'), next: shift(layout, field, 1) },
          ]),
          { label: t('crosstab.move.remove'), next: place(layout, field, 'fields') },
        ]),
  ];

  const dragStart = (event: DragEvent) => {
    event.dataTransfer.setData('text/plain', key);
    event.dataTransfer.effectAllowed = 'move';
  };
  const closeOnEscape = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return;
    setOpen(false);
    (event.currentTarget.querySelector('button.chip-name') as HTMLButtonElement | null)?.focus();
  };

  // Focus or a click elsewhere closes the menu, as any menu does.
  const closeOnLeave = (event: FocusEvent<HTMLLIElement>) => {
    if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setOpen(false);
  };

  return (
    <li className={`field-chip ${field.kind}`} draggable onDragStart={dragStart} data-field={key} data-index={index} onKeyDown={closeOnEscape} onBlur={closeOnLeave}>
      <button type="button" className="chip-name" aria-expanded={open} aria-label={t('crosstab.fieldMenu', { name })} onClick={() => setOpen(!open)}>
        {name}
      </button>
      {open && (
        <div className="chip-menu" role="group" aria-label={t('crosstab.fieldMenu', { name })}>
          {moves.map((move) => (
            <button
              key={move.label}
              type="button"
              disabled={move.next === null}
              onClick={() => {
                setOpen(false);
                if (move.next) onMove(move.next, field);
              }}
            >
              {move.label}
            </button>
          ))}
        </div>
      )}
    </li>
  );
}
