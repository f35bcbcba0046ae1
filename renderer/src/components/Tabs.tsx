import { useRef, type KeyboardEvent } from 'react';

interface Props<T extends string> {
  tabs: readonly T[];
  selected: T;
  onSelect: (tab: T) => void;
  /** Each tab's visible name. */
  label: (tab: T) => string;
  /** Names the tab list and prefixes the ids that tie each tab to its panel. */
  name: string;
  idPrefix: string;
}

/**
 * A tab list as the WAI-ARIA tabs pattern has it: one tab stop (the selected tab), arrow keys,
 * Home and End move between tabs and select them, and each tab names its panel.
 */
export function TabList<T extends string>({ tabs, selected, onSelect, label, name, idPrefix }: Props<T>) {
  const refs = useRef(new Map<T, HTMLButtonElement>());
  const move = (event: KeyboardEvent<HTMLButtonElement>) => {
    const at = tabs.indexOf(selected);
    const target =
      event.key === 'ArrowRight' ? tabs[(at + 1) % tabs.length]
      : event.key === 'ArrowLeft' ? tabs[(at - 1 + tabs.length) % tabs.length]
      : event.key === 'Home' ? tabs[0]
      : event.key === 'End' ? tabs[tabs.length - 1]
      : undefined;
    if (target === undefined) return;
    event.preventDefault();
    onSelect(target);
    refs.current.get(target)?.focus();
  };
  return (
    <div role="tablist" aria-label={name} className="tabs">
      {tabs.map((tab) => (
        <button
          key={tab}
          ref={(element) => {
            if (element) refs.current.set(tab, element);
            else refs.current.delete(tab);
          }}
          id={`${idPrefix}-tab-${tab}`}
          type="button"
          role="tab"
          aria-selected={tab === selected}
          aria-controls={`${idPrefix}-panel`}
          tabIndex={tab === selected ? 0 : -1}
          onClick={() => onSelect(tab)}
          onKeyDown={move}
        >
          {label(tab)}
        </button>
      ))}
    </div>
  );
}

/** The panel of the selected tab, named by it. */
export function tabPanelProps(idPrefix: string, selected: string) {
  return { role: 'tabpanel', id: `${idPrefix}-panel`, 'aria-labelledby': `${idPrefix}-tab-${selected}`, tabIndex: 0 } as const;
}
