import { useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';

export interface PickerOption {
  value: string;
  label: string;
}

interface Props {
  label: string;
  options: PickerOption[];
  chosen: string[];
  onChange: (chosen: string[]) => void;
  /** At most this many may be chosen. */
  max: number;
}

const SHOWN = 8;

/** Folds case and accents for matching what is typed: "malmo" finds "Malmö". */
const fold = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase('sv');

/**
 * A searchable choice of several among hundreds (290 municipalities): type to filter, arrows and
 * Enter to choose, the chosen ones as buttons that remove them. A WAI-ARIA combobox with a listbox.
 */
export function MultiPicker({ label, options, chosen, onChange, max }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [text, setText] = useState('');
  const [active, setActive] = useState(0);
  const [open, setOpen] = useState(false);
  const byValue = useMemo(() => new Map(options.map((option) => [option.value, option])), [options]);
  const matches = useMemo(() => {
    const wanted = fold(text.trim());
    return options.filter((option) => !chosen.includes(option.value) && fold(option.label).includes(wanted)).slice(0, SHOWN);
  }, [options, chosen, text]);
  const full = chosen.length >= max;

  const choose = (value: string) => {
    if (full) return;
    onChange([...chosen, value]);
    setText('');
    setActive(0);
    input.current?.focus();
  };
  const keys = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      setOpen(true);
      setActive((at) => Math.min(at + 1, matches.length - 1));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setActive((at) => Math.max(at - 1, 0));
    } else if (event.key === 'Enter' && open && matches[active]) {
      event.preventDefault();
      choose(matches[active].value);
    } else if (event.key === 'Escape') {
      setOpen(false);
    } else if (event.key === 'Backspace' && text === '' && chosen.length > 0) {
      onChange(chosen.slice(0, -1));
    }
  };
  const listId = `${id}-list`;
  const showList = open && !full && matches.length > 0;
  return (
    <div className="multi-picker">
      <label htmlFor={`${id}-input`}>{label}</label>
      <div className="chosen" aria-live="polite">
        {chosen.map((value) => (
          <button key={value} type="button" className="chip" onClick={() => onChange(chosen.filter((other) => other !== value))} aria-label={t('picker.remove', { name: byValue.get(value)?.label ?? value })}>
            {byValue.get(value)?.label ?? value} <span aria-hidden="true">×</span>
          </button>
        ))}
      </div>
      <input
        id={`${id}-input`}
        ref={input}
        role="combobox"
        aria-expanded={showList}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={showList && matches[active] ? `${id}-option-${matches[active].value}` : undefined}
        disabled={full}
        placeholder={full ? t('picker.full', { max }) : t('picker.search')}
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          setActive(0);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={keys}
      />
      {showList && (
        <ul id={listId} role="listbox" aria-label={label} className="picker-list">
          {matches.map((option, index) => (
            <li
              key={option.value}
              id={`${id}-option-${option.value}`}
              role="option"
              aria-selected={index === active}
              // mousedown, not click: a click would blur the input and close the list first.
              onMouseDown={(event) => {
                event.preventDefault();
                choose(option.value);
              }}
            >
              {option.label}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
