import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { staggeredDid, type DidUnit } from '../../main/domain/evaluation/did';
import { mpdtaRows } from '../support/evaluation-store';

/** R's did::mpdta: 500 US counties, 2003-2007, log teen employment, first_treat 0 for never. */
function mpdta(): DidUnit[] {
  const units = new Map<string, DidUnit & { outcomes: Map<number, number> }>();
  for (const row of mpdtaRows()) {
    const unit = units.get(row.county) ?? { id: row.county, firstTreated: row.firstTreat === 0 ? null : row.firstTreat, outcomes: new Map() };
    unit.outcomes.set(row.year, row.lemp);
    units.set(row.county, unit);
  }
  return [...units.values()];
}

const unit = (id: string, firstTreated: number | null, values: Record<number, number>): DidUnit => ({
  id,
  firstTreated,
  outcomes: new Map(Object.entries(values).map(([year, value]) => [Number(year), value])),
});

describe('staggered difference-in-differences on the did package’s mpdta panel', () => {
  const result = staggeredDid(mpdta());

  // did's README: att_gt(yname = "lemp", gname = "first_treat", idname = "countyreal", tname = "year",
  // xformla = ~1, data = mpdta), never-treated comparison. Its standard errors are from the
  // multiplier bootstrap, ours analytic (bstrap = FALSE): here they agree to 0.0001 per cell and
  // 0.0009 overall, so they are held to 0.0015.
  const published: [number, number, number, number][] = [
    [2004, 2004, -0.0105, 0.0233],
    [2004, 2005, -0.0704, 0.031],
    [2004, 2006, -0.1373, 0.0364],
    [2004, 2007, -0.1008, 0.0344],
    [2006, 2004, 0.0065, 0.0233],
    [2006, 2005, -0.0028, 0.0196],
    [2006, 2006, -0.0046, 0.0178],
    [2006, 2007, -0.0412, 0.0202],
    [2007, 2004, 0.0305, 0.015],
    [2007, 2005, -0.0027, 0.0164],
    [2007, 2006, -0.0311, 0.0179],
    [2007, 2007, -0.0261, 0.0167],
  ];

  it('reproduces the published ATT(g,t) table to four decimals', () => {
    expect(result.cells.map((cell) => [cell.cohort, cell.year, Number(cell.att.toFixed(4))])).toEqual(
      published.map(([cohort, year, att]) => [cohort, year, att]),
    );
    for (const [cohort, year, , se] of published) {
      const cell = result.cells.find((candidate) => candidate.cohort === cohort && candidate.year === year)!;
      expect(Math.abs(cell.se - se), `SE of ATT(${cohort},${year})`).toBeLessThan(0.0015);
    }
  });

  it('counts each cell’s units and measures from g-1 after the start, from t-1 before it', () => {
    const cell = (cohort: number, year: number) => result.cells.find((c) => c.cohort === cohort && c.year === year)!;
    expect(cell(2004, 2006)).toMatchObject({ baseYear: 2003, treated: 20, comparison: 309, missing: 0 });
    expect(cell(2007, 2005)).toMatchObject({ baseYear: 2004, treated: 131, comparison: 309 });
    expect(cell(2006, 2007)).toMatchObject({ baseYear: 2005, treated: 40 });
    expect(result.units).toEqual({
      used: 500,
      treatedFromStart: 0,
      treatedAfterEnd: 0,
      cohorts: [
        { cohort: 2004, units: 20 },
        { cohort: 2006, units: 40 },
        { cohort: 2007, units: 131 },
      ],
      never: 309,
    });
  });

  it('aggregates by event time and overall as aggte(type = "dynamic") does', () => {
    // did's README, aggte(type = "dynamic"): bootstrap SEs again, compared with a tolerance.
    const dynamic: [number, number, number][] = [
      [-3, 0.0305, 0.015],
      [-2, -0.0006, 0.0133],
      [-1, -0.0245, 0.0142],
      [0, -0.0199, 0.0118],
      [1, -0.051, 0.0169],
      [2, -0.1373, 0.0364],
      [3, -0.1008, 0.0344],
    ];
    expect(result.event.map((row) => [row.e, Number(row.att.toFixed(4))])).toEqual(dynamic.map(([e, att]) => [e, att]));
    for (const [e, , se] of dynamic) expect(Math.abs(result.event.find((row) => row.e === e)!.se - se), `SE at e=${e}`).toBeLessThan(0.0015);
    expect(Number(result.overall!.att.toFixed(4))).toBe(-0.0772);
    expect(Math.abs(result.overall!.se - 0.0209)).toBeLessThan(0.0015);
    expect(result.overall!.low).toBeCloseTo(result.overall!.att - 1.96 * result.overall!.se, 3);
  });
});

describe('staggered difference-in-differences by hand', () => {
  // Two cohorts (2021, 2022) and two never-treated units over 2020-2022.
  const panel = [
    unit('a', 2021, { 2020: 10, 2021: 14, 2022: 15 }),
    unit('b', 2021, { 2020: 12, 2021: 18, 2022: 19 }),
    unit('c', 2022, { 2020: 5, 2021: 6, 2022: 10 }),
    unit('n1', null, { 2020: 1, 2021: 2, 2022: 4 }),
    unit('n2', null, { 2020: 3, 2021: 5, 2022: 6 }),
  ];

  it('takes each cohort’s mean change minus the comparison units’ mean change', () => {
    const result = staggeredDid(panel);
    const cells = result.cells.map(({ cohort, year, baseYear, att, treated, comparison }) => ({ cohort, year, baseYear, att, treated, comparison }));
    expect(cells).toEqual([
      // 2021 from 2020: treated (4 + 6)/2 = 5, never (1 + 2)/2 = 1.5.
      { cohort: 2021, year: 2021, baseYear: 2020, att: 3.5, treated: 2, comparison: 2 },
      // 2022 from 2020: treated (5 + 7)/2 = 6, never (3 + 3)/2 = 3.
      { cohort: 2021, year: 2022, baseYear: 2020, att: 3, treated: 2, comparison: 2 },
      // Placebo 2021 from 2020: c 1, never 1.5.
      { cohort: 2022, year: 2021, baseYear: 2020, att: -0.5, treated: 1, comparison: 2 },
      // 2022 from 2021: c 4, never (2 + 1)/2 = 1.5.
      { cohort: 2022, year: 2022, baseYear: 2021, att: 2.5, treated: 1, comparison: 2 },
    ]);
    // SE = sqrt(var1/n1 + var0/n0) with variances over n: ATT(2021,2021) has changes 4, 6 and 1, 2.
    expect(result.cells[0]!.se).toBeCloseTo(Math.sqrt(1 / 2 + 0.25 / 2), 12);
    // One treated unit has no spread: only the comparison's counts.
    expect(result.cells[3]!.se).toBeCloseTo(Math.sqrt(0.25 / 2), 12);
  });

  it('weights event times by cohort size and averages e >= 0 for the overall effect', () => {
    const result = staggeredDid(panel);
    // e = 0: 2021 in 2021 (3.5, two units) and 2022 in 2022 (2.5, one unit).
    expect(result.event.map((row) => row.e)).toEqual([-1, 0, 1]);
    expect(result.event[1]!.att).toBeCloseTo((2 * 3.5 + 2.5) / 3, 12);
    expect(result.event[2]!.att).toBeCloseTo(3, 12);
    expect(result.overall!.att).toBeCloseTo(((2 * 3.5 + 2.5) / 3 + 3) / 2, 12);
  });

  it('compares with the not-yet-treated: a later cohort counts until its start', () => {
    const result = staggeredDid(panel, 'notyet');
    const cell = result.cells.find((c) => c.cohort === 2021 && c.year === 2021)!;
    // Comparison in 2021: n1, n2 and c (starts 2022): changes 1, 2, 1.
    expect(cell.comparison).toBe(3);
    expect(cell.att).toBeCloseTo(5 - 4 / 3, 12);
    // In 2022 c is treated: only the never-treated remain.
    expect(result.cells.find((c) => c.cohort === 2021 && c.year === 2022)!.comparison).toBe(2);
    // A cohort is never its own comparison, not even before it starts.
    expect(result.cells.find((c) => c.cohort === 2022 && c.year === 2021)!.comparison).toBe(2);
  });

  it('leaves a unit out of the cells whose two years it lacks, and says so', () => {
    const result = staggeredDid([...panel.slice(0, 4), unit('n2', null, { 2020: 3, 2022: 6 })]);
    const cell = (cohort: number, year: number) => result.cells.find((c) => c.cohort === cohort && c.year === year)!;
    expect(cell(2021, 2021)).toMatchObject({ att: 5 - 1, comparison: 1, missing: 1 });
    // 2020 and 2022 are there: n2 counts again.
    expect(cell(2021, 2022)).toMatchObject({ att: 6 - 3, comparison: 2, missing: 0 });
    expect(result.units.used).toBe(5);
  });

  it('drops units treated from the first year, treats a start after the last year as never, and reports cells it cannot estimate', () => {
    const result = staggeredDid([
      unit('early', 2020, { 2020: 1, 2021: 1 }),
      unit('late', 2030, { 2020: 1, 2021: 3 }),
      unit('t', 2021, { 2020: 1, 2021: 5 }),
      unit('lonely', 2022, { 2022: 1 }),
    ]);
    expect(result.units).toMatchObject({ used: 3, treatedFromStart: 1, treatedAfterEnd: 1, never: 1 });
    expect(result.cells).toEqual([expect.objectContaining({ cohort: 2021, year: 2021, att: 2, comparison: 1 })]);
    expect(result.emptyCells).toEqual(
      expect.arrayContaining([{ cohort: 2022, year: 2022, treated: 0, comparison: 0 }]),
    );
  });

  it('gives nothing to estimate for an empty panel', () => {
    expect(staggeredDid([unit('x', 2021, {})])).toMatchObject({ years: [], cells: [], event: [], overall: null, units: { used: 1 } });
  });
});

describe('staggered difference-in-differences, whatever the panel', () => {
  // Any panel of 2-12 places over 2018-2023, each a cohort 2019-2022 or never treated.
  const panels = fc.array(
    fc.record({
      cohort: fc.constantFrom(null, 2019, 2020, 2021, 2022),
      values: fc.array(fc.double({ min: -100, max: 100, noNaN: true }), { minLength: 6, maxLength: 6 }),
    }),
    { minLength: 2, maxLength: 12 },
  );
  const toUnits = (rows: { cohort: number | null; values: number[] }[], shift: (i: number, year: number) => number = () => 0) =>
    rows.map((row, i) => unit(`p${i}`, row.cohort, Object.fromEntries(row.values.map((value, k) => [2018 + k, value + shift(i, 2018 + k)]))));

  it('does not move when a place’s level or a year’s shock is added: both difference out', () => {
    fc.assert(
      fc.property(panels, fc.double({ min: -50, max: 50, noNaN: true }), fc.double({ min: -50, max: 50, noNaN: true }), (rows, level, shock) => {
        const plain = staggeredDid(toUnits(rows), 'notyet');
        const shifted = staggeredDid(toUnits(rows, (i, year) => i * level + (year - 2018) ** 2 * shock), 'notyet');
        expect(shifted.cells.length).toBe(plain.cells.length);
        shifted.cells.forEach((cell, k) => expect(cell.att).toBeCloseTo(plain.cells[k]!.att, 6));
      }),
    );
  });

  it('gives back an effect added to the treated places from their start, and nothing before it', () => {
    fc.assert(
      fc.property(panels, fc.double({ min: -20, max: 20, noNaN: true }), (rows, effect) => {
        const plain = staggeredDid(toUnits(rows));
        const treated = staggeredDid(toUnits(rows, (i, year) => (rows[i]!.cohort !== null && year >= rows[i]!.cohort! ? effect : 0)));
        treated.cells.forEach((cell, k) => {
          expect(cell.att - plain.cells[k]!.att).toBeCloseTo(cell.year >= cell.cohort ? effect : 0, 6);
          // The spread of the changes is the same, so are the standard errors.
          expect(cell.se).toBeCloseTo(plain.cells[k]!.se, 6);
        });
      }),
    );
  });
});

