// The demo is written around a day of its own calendar, 2025-06-30: calls 2018–2024, indicator
// years to 2024, reports and milestones mostly in before that day. Loaded on another day it moves
// by whole years, so whatever the day the grants it shows are as far along as on the base day's
// calendar: some just decided, some midway, some done. The draws do not depend on the day, so a
// seed, a scale and a day always give the same store.

/** The day the demo's own figures are written around; the one tests load it on. */
export const DEMO_BASE_DAY = '2025-06-30';
const BASE_YEAR = Number(DEMO_BASE_DAY.slice(0, 4));
const BASE_MONTH_DAY = DEMO_BASE_DAY.slice(5);

export interface DemoCalendar {
  /** The day the demo is loaded on: what fell due before it is mostly done. */
  today: string;
  /** Whole years added to every year and date of the base calendar. */
  shift: number;
  /** A year of the base calendar, as it falls on this one. */
  year(base: number): number;
}

/**
 * The calendar for a day: moved the fewest whole years that bring the base day to `today` or after
 * it, so `today` falls in the year after the last call's decisions, as the base day does.
 */
export function demoCalendar(today: string): DemoCalendar {
  const shift = Number(today.slice(0, 4)) - BASE_YEAR + (today.slice(5) > BASE_MONTH_DAY ? 1 : 0);
  return { today, shift, year: (base) => base + shift };
}
