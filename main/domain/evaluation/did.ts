// Staggered difference-in-differences after Callaway & Sant'Anna (2021), without covariates, as R's
// `did` package computes it with `att_gt(..., bstrap = FALSE)` and `aggte(type = "dynamic")`: the
// varying base period (g-1 after the start, the year before for the pre-period placebo), never- or
// not-yet-treated comparison units, and analytic standard errors from the influence functions.
// Pure arithmetic over a panel; where the panel comes from is the service's business.

export type DidControl = 'never' | 'notyet';

export interface DidUnit {
  id: string;
  /** The first year the unit is treated; null for a unit never treated. */
  firstTreated: number | null;
  /** Outcome by year; a missing year is absent, never a zero. */
  outcomes: ReadonlyMap<number, number>;
}

export interface DidCell {
  cohort: number;
  year: number;
  /** The year the change is measured from: the last year before the cohort's start, or t-1 before it. */
  baseYear: number;
  att: number;
  se: number;
  low: number;
  high: number;
  /** Cohort units with a value in both years. */
  treated: number;
  /** Comparison units with a value in both years. */
  comparison: number;
  /** Cohort and comparison units left out of this cell because one of its two years has no value. */
  missing: number;
}

export interface DidEstimate {
  att: number;
  se: number;
  low: number;
  high: number;
}

export interface DidResult {
  control: DidControl;
  years: number[];
  cells: DidCell[];
  /** Cells with no cohort unit or no comparison unit that has both years: nothing to estimate. */
  emptyCells: { cohort: number; year: number; treated: number; comparison: number }[];
  /** By event time e = year - cohort, cells weighted by cohort size; e < 0 are the placebo pre-periods. */
  event: ({ e: number } & DidEstimate)[];
  /** The mean of the event-time effects from e = 0 on, as `aggte(type = "dynamic")` reports it; null without any. */
  overall: DidEstimate | null;
  units: {
    /** Units in the estimation: the n of every standard error. */
    used: number;
    /** Units treated by the first year of the panel, with no year before to compare from. */
    treatedFromStart: number;
    /** Units whose start is after the panel's last year: within it they are never treated. */
    treatedAfterEnd: number;
    cohorts: { cohort: number; units: number }[];
    never: number;
  };
}

/** The 97.5% point of the standard normal: 95% intervals. */
const Z95 = 1.959963984540054;

function estimate(att: number, se: number): DidEstimate {
  return { att, se, low: att - Z95 * se, high: att + Z95 * se };
}

/**
 * The standard error from an influence function over the n units, as `did`'s getSE without the
 * bootstrap: sqrt(mean(psi^2) / n).
 */
function seOf(influence: Float64Array): number {
  let sum = 0;
  for (const value of influence) sum += value * value;
  return Math.sqrt(sum) / influence.length;
}

interface CellWork {
  cell: DidCell;
  /** The cell's influence function over every used unit (zero for units not in the cell). */
  influence: Float64Array;
}

export function staggeredDid(input: readonly DidUnit[], control: DidControl = 'never'): DidResult {
  const years = [...new Set(input.flatMap((unit) => [...unit.outcomes.keys()]))].sort((a, b) => a - b);
  // An empty panel has no start or end that a unit's start could fall outside of.
  const first = years[0] ?? Number.NEGATIVE_INFINITY;
  const last = years.at(-1) ?? Number.POSITIVE_INFINITY;
  const units: DidUnit[] = [];
  let treatedFromStart = 0;
  let treatedAfterEnd = 0;
  for (const unit of input) {
    if (unit.firstTreated !== null && unit.firstTreated <= first) {
      treatedFromStart += 1;
    } else if (unit.firstTreated !== null && unit.firstTreated > last) {
      treatedAfterEnd += 1;
      units.push({ ...unit, firstTreated: null });
    } else {
      units.push(unit);
    }
  }
  const n = units.length;
  const cohortSizes = new Map<number, number>();
  for (const unit of units) if (unit.firstTreated !== null) cohortSizes.set(unit.firstTreated, (cohortSizes.get(unit.firstTreated) ?? 0) + 1);
  const cohorts = [...cohortSizes.keys()].sort((a, b) => a - b);

  const work: CellWork[] = [];
  const emptyCells: DidResult['emptyCells'] = [];
  for (const g of cohorts) {
    const baseOfPost = years.filter((year) => year < g).at(-1)!;
    for (let index = 1; index < years.length; index += 1) {
      const t = years[index]!;
      const base = t >= g ? baseOfPost : years[index - 1]!;
      const isComparison = (unit: DidUnit) =>
        unit.firstTreated === null || (control === 'notyet' && unit.firstTreated > t && unit.firstTreated !== g);
      const treatedChanges: [number, number][] = [];
      const comparisonChanges: [number, number][] = [];
      let missing = 0;
      units.forEach((unit, position) => {
        const group = unit.firstTreated === g ? treatedChanges : isComparison(unit) ? comparisonChanges : null;
        if (!group) return;
        const now = unit.outcomes.get(t);
        const then = unit.outcomes.get(base);
        if (now === undefined || then === undefined) missing += 1;
        else group.push([position, now - then]);
      });
      if (treatedChanges.length === 0 || comparisonChanges.length === 0) {
        emptyCells.push({ cohort: g, year: t, treated: treatedChanges.length, comparison: comparisonChanges.length });
        continue;
      }
      const meanTreated = mean(treatedChanges);
      const meanComparison = mean(comparisonChanges);
      // did's influence function for a cell, scaled to the n units: n(D(dY - mu1)/n1 - C(dY - mu0)/n0).
      const influence = new Float64Array(n);
      for (const [position, change] of treatedChanges) influence[position] = (n * (change - meanTreated)) / treatedChanges.length;
      for (const [position, change] of comparisonChanges) influence[position] = (-n * (change - meanComparison)) / comparisonChanges.length;
      const att = meanTreated - meanComparison;
      work.push({
        cell: { cohort: g, year: t, baseYear: base, ...estimate(att, seOf(influence)), treated: treatedChanges.length, comparison: comparisonChanges.length, missing },
        influence,
      });
    }
  }

  const event = eventTimes(work, units, cohortSizes);
  const post = event.filter((row) => row.e >= 0);
  let overall: DidEstimate | null = null;
  if (post.length > 0) {
    const influence = new Float64Array(n);
    for (const row of post) for (let i = 0; i < n; i += 1) influence[i]! += row.influence[i]! / post.length;
    overall = estimate(post.reduce((sum, row) => sum + row.att, 0) / post.length, seOf(influence));
  }
  return {
    control,
    years,
    cells: work.map((item) => item.cell),
    emptyCells,
    event: event.map(({ influence: _influence, ...row }) => row),
    overall,
    units: {
      used: n,
      treatedFromStart,
      treatedAfterEnd,
      cohorts: cohorts.map((cohort) => ({ cohort, units: cohortSizes.get(cohort)! })),
      never: units.filter((unit) => unit.firstTreated === null).length,
    },
  };
}

function mean(changes: readonly [number, number][]): number {
  return changes.reduce((sum, [, change]) => sum + change, 0) / changes.length;
}

/**
 * `aggte(type = "dynamic")`: for each event time the cells' effects weighted by their cohorts'
 * shares of the units, with the weights' own estimation in the influence function (did's `wif`).
 */
function eventTimes(work: readonly CellWork[], units: readonly DidUnit[], cohortSizes: ReadonlyMap<number, number>) {
  const n = units.length;
  const byEvent = new Map<number, CellWork[]>();
  for (const item of work) {
    const e = item.cell.year - item.cell.cohort;
    byEvent.set(e, [...(byEvent.get(e) ?? []), item]);
  }
  return [...byEvent.entries()]
    .sort(([a], [b]) => a - b)
    .map(([e, items]) => {
      const shares = items.map((item) => cohortSizes.get(item.cell.cohort)! / n);
      const total = shares.reduce((sum, share) => sum + share, 0);
      const att = items.reduce((sum, item, k) => sum + (shares[k]! / total) * item.cell.att, 0);
      const influence = new Float64Array(n);
      units.forEach((unit, i) => {
        // Sum over the cells of (1{G_i = g_k} - p_k), the denominator's part of the weights' influence.
        const deviation = items.reduce((sum, item, k) => sum + (unit.firstTreated === item.cell.cohort ? 1 : 0) - shares[k]!, 0);
        let value = 0;
        items.forEach((item, k) => {
          const share = shares[k]!;
          const inCohort = unit.firstTreated === item.cell.cohort ? 1 : 0;
          value += (share / total) * item.influence[i]!;
          value += item.cell.att * ((inCohort - share) / total - (deviation * share) / (total * total));
        });
        influence[i] = value;
      });
      return { e, ...estimate(att, seOf(influence)), influence };
    });
}
