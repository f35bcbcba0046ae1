// The follow-up of one tracked indicator of a grant: where it started, where it is, how far from
// its target, and how the same change looks in the comparison places. Pure arithmetic over values
// already read from the store.

export interface YearValue {
  year: number;
  value: number;
}

export interface TrackedIndicator {
  higherIsBetter: boolean;
  /** As the evaluator picked it from the store; null until one is picked. */
  baseline: YearValue | null;
  /** The tracked place's values by year (a missing year is absent, never a zero). */
  values: ReadonlyMap<number, number>;
  targets: readonly YearValue[];
  /** Each comparison place's values by year. */
  comparison: readonly ReadonlyMap<number, number>[];
}

export interface IndicatorFollowUp {
  baseline: YearValue | null;
  /** The latest value after the baseline year. */
  latest: YearValue | null;
  change: number | null;
  /** The target for the latest value's year, else the next one after it, else the last one set. */
  target: YearValue | null;
  /** target - latest: what is still to go (negative when the target is passed upwards). */
  distanceToTarget: number | null;
  /** The mean change over the comparison places with a value in both the baseline and the latest year. */
  comparisonChange: number | null;
  comparisonPlaces: number;
  /** The place's change minus the comparison places' change. */
  difference: number | null;
  /** Whether the change since the baseline goes the way the target asks (or, with no target, the better way). */
  direction: 'toward' | 'against' | 'none' | null;
}

export function followUp(tracked: TrackedIndicator): IndicatorFollowUp {
  const { baseline } = tracked;
  const after = [...tracked.values].filter(([year]) => baseline === null || year > baseline.year).sort(([a], [b]) => b - a)[0];
  const latest = baseline && after ? { year: after[0], value: after[1] } : null;
  const change = baseline && latest ? latest.value - baseline.value : null;
  const target = targetFor(tracked.targets, latest?.year ?? null);

  let comparisonChange: number | null = null;
  let comparisonPlaces = 0;
  if (baseline && latest) {
    const changes = tracked.comparison.flatMap((values) => {
      const from = values.get(baseline.year);
      const to = values.get(latest.year);
      return from === undefined || to === undefined ? [] : [to - from];
    });
    comparisonPlaces = changes.length;
    if (changes.length > 0) comparisonChange = changes.reduce((sum, value) => sum + value, 0) / changes.length;
  }

  // The way the grant wants the indicator to go: towards its target from the baseline, or the better way.
  const wanted = baseline && target && target.value !== baseline.value ? Math.sign(target.value - baseline.value) : tracked.higherIsBetter ? 1 : -1;
  const direction = change === null ? null : change === 0 ? 'none' : Math.sign(change) === wanted ? 'toward' : 'against';
  return {
    baseline,
    latest,
    change,
    target,
    distanceToTarget: target && latest ? target.value - latest.value : null,
    comparisonChange,
    comparisonPlaces,
    difference: change !== null && comparisonChange !== null ? change - comparisonChange : null,
    direction,
  };
}

function targetFor(targets: readonly YearValue[], year: number | null): YearValue | null {
  if (targets.length === 0) return null;
  const sorted = [...targets].sort((a, b) => a.year - b.year);
  if (year === null) return sorted[0]!;
  return sorted.find((target) => target.year >= year) ?? sorted.at(-1)!;
}
