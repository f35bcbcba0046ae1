import { beforeAll, afterAll, describe, expect, it } from 'vitest';
import { cellFilters, crosstabDrillArgs, crosstabQuery, type CrosstabQueryIn, type CrosstabResult } from '../../main/contract/domains/crosstab';
import { AppError } from '../../main/contract/errors';
import { drillCrosstab } from '../../main/domain/crosstab/drill';
import { groupingSets, planQuery } from '../../main/domain/crosstab/plan';
import { runCrosstab } from '../../main/domain/crosstab/run';
import { checkSummaries, fromSummaries } from '../../main/domain/crosstab/summaries';
import type { Store } from '../../main/store/open-store';
import { areaTypesOf, mean, median, populationOf, referenceApplications, referenceCells, referenceMeasures, type ReferenceApplication } from '../support/crosstab-reference';
import { crosstabStore, POPULATION } from '../support/crosstab-store';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// One store for the whole file: building the demo is the slow part, and every test only reads it.
let store: Store;
let dir: string;
let applications: ReferenceApplication[];
let population: Map<string, number>;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'grantlens-crosstab-'));
  store = crosstabStore(dir);
  applications = referenceApplications(store.db);
  population = populationOf(store.db, POPULATION);
});
afterAll(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

const run = (query: CrosstabQueryIn) => runCrosstab(store.db, crosstabQuery.parse(query));

function refused(query: CrosstabQueryIn): Record<string, unknown> {
  try {
    run(query);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('CROSSTAB_UNSUPPORTED');
    return (error as AppError).details as Record<string, unknown>;
  }
  throw new Error(`${JSON.stringify(query)} was not refused`);
}

const registerMeasures = ['applications', 'granted_count', 'approval_rate', 'requested_sek', 'granted_sek', 'paid_sek', 'repaid_sek', 'granted_sek_per_capita'] as const;

/** Every cell, subtotal and total of a register cross-tab against the plain-TypeScript figures. */
function expectRegisterCells(result: CrosstabResult, subset: (a: ReferenceApplication) => boolean = () => true): void {
  const axes = [...result.rows, ...result.cols];
  const sets = groupingSets(result.rows.length, result.cols.length);
  const expected = new Map<string, ReturnType<typeof referenceMeasures>>();
  sets.forEach((set, i) => {
    for (const [key, list] of referenceCells(applications.filter(subset), axes, set)) expected.set(`${i}|${key}`, referenceMeasures(list, population));
  });
  expect(result.cells).toHaveLength(expected.size);
  for (const cell of result.cells) {
    const set = sets.findIndex((s) => s.every((grouped, axis) => grouped === !cell.total[axis]));
    const want = expected.get(`${set}|${JSON.stringify(cell.key)}`);
    expect(want, JSON.stringify(cell)).toBeDefined();
    result.measures.forEach((measure, i) => {
      const value = want![measure as (typeof registerMeasures)[number]];
      if (value === null) expect(cell.values[i]).toBeNull();
      else if (Number.isInteger(value)) expect(cell.values[i]).toBe(value);
      else expect(cell.values[i]).toBeCloseTo(value, 9);
    });
  }
}

describe('cross-tabs of the register', () => {
  it('gives every register measure by county and year, its totals and subtotals the true aggregates', () => {
    const result = run({ rows: ['county'], cols: ['year'], measures: [...registerMeasures], population: POPULATION });
    expectRegisterCells(result);
    const total = result.cells.at(-1)!;
    expect(total.total).toEqual([true, true]);
    expect(total.values[0]).toBe(applications.length);
    expect(result.units).toEqual(['count', 'count', 'ratio', 'ore', 'ore', 'ore', 'ore', 'ore_per_capita']);
    // Counties by official code, with the name beside it.
    expect(result.members[0]!.find((member) => member.key === '12')).toEqual({ key: '12', name: 'Skåne län' });
  });

  it('gives approval rate by applicant type and stage, a total rate being granted over applications, not a mean of rates', () => {
    const result = run({ rows: ['applicant_type', 'stage'], measures: ['approval_rate', 'applications'] });
    expectRegisterCells(result);
    const typeTotals = result.cells.filter((cell) => !cell.total[0] && cell.total[1]);
    const grand = result.cells.find((cell) => cell.total.every(Boolean))!;
    const meanOfRates = mean(typeTotals.map((cell) => cell.values[0]!))!;
    expect(Math.abs(grand.values[0]! - meanOfRates)).toBeGreaterThan(1e-6);
    expect(result.members[1]!.map((member) => member.key)).toEqual(['survey', 'needs_analysis', 'plan', 'long_term', 'evaluation']);
  });

  it('nests two row dimensions under a column, with every subtotal', () => {
    const result = run({ rows: ['designated', 'has_evaluation'], cols: ['programme'], measures: ['granted_sek', 'granted_count'] });
    expectRegisterCells(result);
    expect(new Set(result.cells.map((cell) => cell.total.join()))).toEqual(new Set(groupingSets(2, 1).map((set) => set.map((g) => !g).join())));
  });

  it('counts an application under each area type of its target areas, once in every total, and keeps those without under no area type', () => {
    const result = run({ rows: ['area_type'], cols: ['year'], measures: ['applications', 'granted_sek', 'approval_rate', 'granted_sek_per_capita'], population: POPULATION });
    expectRegisterCells(result);
    const keys = result.members[0]!.map((member) => member.key);
    expect(keys.at(-1)).toBeNull();
    expect(keys.filter((key) => key !== null).length).toBeGreaterThanOrEqual(2);
    const byType = result.cells.filter((cell) => !cell.total[0] && cell.total[1]);
    const grand = result.cells.at(-1)!;
    expect(grand.values[0]).toBe(applications.length);
    // Applications with areas of two types are in two rows: the rows add up to more than the total.
    expect(byType.reduce((total, cell) => total + cell.values[0]!, 0)).toBeGreaterThan(applications.length);
  });

  it('filters by dimension values, a null among them meaning no area type, and numbers as text from the command line', () => {
    const filters = [
      { dimension: 'year' as const, values: ['2021', 2022] },
      { dimension: 'area_type' as const, values: [null, 1] },
      { dimension: 'status' as const, values: ['granted', 'partly_granted', 'rejected'] },
    ];
    const result = run({ rows: ['municipality'], measures: ['applications', 'granted_sek', 'requested_sek'], filters });
    const inFilter = (a: ReferenceApplication) =>
      (a.year === 2021 || a.year === 2022) && ['granted', 'partly_granted', 'rejected'].includes(a.status) && a.areaTypes.some((type) => type === null || type === 1);
    expectRegisterCells(result, inFilter);
    expect(result.members[0]!.find((member) => member.key === '0180')).toMatchObject({ name: 'Stockholm' });
  });

  it('gives per capita with the population of each (municipality, year) counted once, leaving out applications without a figure', () => {
    const result = run({ rows: ['designated'], cols: ['year'], measures: ['granted_sek_per_capita', 'granted_sek'], population: POPULATION });
    expectRegisterCells(result);
  });
});

/** Indicator values read straight from the tables: municipality or RegSO values with their place's traits. */
function referenceValues(indicator: string, level: 'municipality' | 'regso') {
  const db = store.db;
  const places =
    level === 'municipality'
      ? (db.prepare("SELECT code, code AS municipality FROM geographies WHERE level = 'municipality'").all() as { code: string; municipality: string }[])
      : (db.prepare("SELECT code, municipality_code AS municipality FROM stat_areas WHERE kind = 'regso'").all() as { code: string; municipality: string }[]);
  const municipalityOf = new Map(places.map((p) => [p.code, p.municipality]));
  const evaluated = new Set(
    db.prepare("SELECT municipality_code FROM applications WHERE includes_evaluation = 1 AND status IN ('granted', 'partly_granted')").pluck().all() as string[],
  );
  const types = areaTypesOf(db);
  const values = (db.prepare('SELECT geo_code, period, sex, value FROM indicator_values WHERE indicator_code = ?').all(indicator) as {
    geo_code: string;
    period: number;
    sex: string;
    value: number;
  }[]).filter((v) => municipalityOf.has(v.geo_code));
  const typeIn = (code: string, year: number) => {
    const list = types.get(code) ?? [];
    const upTo = list.filter((t) => t.year <= year);
    return list.length === 0 ? null : (upTo.at(-1) ?? list[0]!).type;
  };
  return values.map((v) => ({ ...v, evaluated: evaluated.has(municipalityOf.get(v.geo_code)!) ? 1 : 0, type: (year: number) => typeIn(v.geo_code, year) }));
}

describe('cross-tabs of indicator values', () => {
  it('gives the change in unemployment 2019–2023 in municipalities with a follow-research grant against those without', () => {
    const result = run({
      rows: ['has_evaluation'],
      measures: ['indicator_change', 'indicator_mean', 'indicator_median'],
      filters: [{ dimension: 'indicator', values: ['N00914'] }],
      years: { from: 2019, to: 2023 },
    });
    const values = referenceValues('N00914', 'municipality').filter((v) => v.sex === 'T');
    const changes = (group: number | null) => {
      const inGroup = values.filter((v) => group === null || v.evaluated === group);
      const at = (year: number) => new Map(inGroup.filter((v) => v.period === year).map((v) => [v.geo_code, v.value]));
      const [from, to] = [at(2019), at(2023)];
      return [...to].filter(([code]) => from.has(code)).map(([code, value]) => value - from.get(code)!);
    };
    for (const group of [0, 1, null]) {
      const cell = result.cells.find((c) => (group === null ? c.total[0] : c.key[0] === group && !c.total[0]))!;
      const all = values.filter((v) => group === null || v.evaluated === group).map((v) => v.value);
      expect(cell.values[0]).toBeCloseTo(mean(changes(group))!, 9);
      expect(cell.values[1]).toBeCloseTo(mean(all)!, 9);
      expect(cell.values[2]).toBeCloseTo(median(all)!, 9);
    }
  });

  it('gives RegSO values by their own area type in force that year, and by sex when asked', () => {
    const result = run({ rows: ['area_type'], cols: ['year'], measures: ['indicator_mean'], filters: [{ dimension: 'indicator', values: ['AM0207AC'] }] });
    const values = referenceValues('AM0207AC', 'regso').filter((v) => v.sex === 'T');
    for (const cell of result.cells.filter((c) => !c.total[0] && !c.total[1])) {
      const [type, year] = cell.key as [number | null, number];
      expect(cell.values[0]).toBeCloseTo(mean(values.filter((v) => v.period === year && v.type(year) === type).map((v) => v.value))!, 9);
    }
    expect(result.cells.at(-1)!.values[0]).toBeCloseTo(mean(values.map((v) => v.value))!, 9);
    const bySex = run({ rows: ['county'], cols: ['sex'], measures: ['indicator_mean'], filters: [{ dimension: 'indicator', values: ['N00914'] }, { dimension: 'year', values: [2022] }] });
    expect(bySex.members[1]!.map((m) => m.key)).toEqual(['T', 'K', 'M']);
    const women = referenceValues('N00914', 'municipality').filter((v) => v.sex === 'K' && v.period === 2022 && v.geo_code.startsWith('01'));
    expect(bySex.cells.find((c) => c.key[0] === '01' && c.key[1] === 'K')!.values[0]).toBeCloseTo(mean(women.map((v) => v.value))!, 9);
  });

  it('puts register and indicator measures side by side by the dimensions they share', () => {
    const result = run({ rows: ['county'], measures: ['granted_sek', 'indicator_mean'], filters: [{ dimension: 'indicator', values: ['N00914'] }, { dimension: 'year', values: [2021] }] });
    expectRegisterCellsFor(result, 0, (a) => a.year === 2021);
  });
});

/** One register measure's column of a mixed table against the reference. */
function expectRegisterCellsFor(result: CrosstabResult, measureIndex: number, subset: (a: ReferenceApplication) => boolean): void {
  const cells = referenceCells(applications.filter(subset), result.rows, [true]);
  for (const cell of result.cells.filter((c) => !c.total[0])) {
    const list = cells.get(JSON.stringify(cell.key)) ?? [];
    expect(cell.values[measureIndex]).toBe(referenceMeasures(list, population).granted_sek);
  }
}

describe('the store’s summaries', () => {
  it('equal a fresh GROUP BY of the records, and answer register cross-tabs with the same figures', () => {
    expect(checkSummaries(store.db)).toEqual({ differing: 0, examples: [] });
    const queries: CrosstabQueryIn[] = [
      { rows: ['county'], cols: ['year'], measures: [...registerMeasures], population: POPULATION },
      { rows: ['applicant_type', 'stage'], cols: ['status'], measures: ['approval_rate', 'paid_sek', 'repaid_sek'] },
      { rows: ['municipality', 'call'], cols: ['has_evaluation'], measures: ['granted_sek', 'applications'], filters: [{ dimension: 'designated', values: [1] }] },
      { rows: ['county'], cols: ['designated'], measures: ['granted_sek', 'indicator_mean'], filters: [{ dimension: 'indicator', values: ['N00914'] }] },
      { rows: ['stage'], cols: ['applicant_type'], measures: ['granted_sek_per_capita', 'approval_rate'], population: POPULATION },
      // By area type: cells within one type from its summaries, totals over every type from the register's.
      { rows: ['area_type'], measures: [...registerMeasures], population: POPULATION },
      { rows: ['area_type'], cols: ['year'], measures: ['granted_sek', 'applications', 'paid_sek'] },
      { rows: ['county', 'area_type'], cols: ['stage'], measures: ['approval_rate', 'requested_sek'], filters: [{ dimension: 'applicant_type', values: ['municipality', 'non_profit'] }] },
      { rows: ['applicant_type'], cols: ['area_type'], measures: ['granted_sek_per_capita', 'repaid_sek'], population: POPULATION, filters: [{ dimension: 'year', values: [2021, 2022] }] },
      { rows: ['area_type', 'status'], measures: ['applications'], filters: [{ dimension: 'has_evaluation', values: [1] }] },
      // One type as a filter, with or without its axis; no area type; and two types, read from the applications.
      { rows: ['county'], cols: ['year'], measures: ['granted_sek', 'approval_rate'], filters: [{ dimension: 'area_type', values: [1] }] },
      { rows: ['area_type', 'call'], measures: ['applications', 'granted_sek_per_capita'], population: POPULATION, filters: [{ dimension: 'area_type', values: [null] }] },
      { rows: ['stage'], cols: ['area_type'], measures: ['applications'], filters: [{ dimension: 'area_type', values: [null, 2] }] },
      { rows: ['municipality'], measures: ['granted_sek', 'indicator_mean'], filters: [{ dimension: 'area_type', values: [3] }, { dimension: 'indicator', values: ['N00914'] }] },
    ];
    for (const query of queries) {
      const parsed = crosstabQuery.parse(query);
      expect(runCrosstab(store.db, parsed, fromSummaries)).toEqual(runCrosstab(store.db, parsed));
    }
  });

  it('answer cross-tabs by area type from the area-type summaries, totals over every type from the register’s', () => {
    const sourceOf = (query: CrosstabQueryIn) => fromSummaries(store.db, planQuery(store.db, crosstabQuery.parse(query)), ['n', 'granted']);
    expect(sourceOf({ rows: ['area_type'], cols: ['year'], measures: ['granted_sek'] })).toMatchObject({ records: false, areaTypes: 'kept', acrossAreas: { records: false, areaTypes: 'none' } });
    const oneType = sourceOf({ rows: ['area_type'], measures: ['granted_sek'], filters: [{ dimension: 'area_type', values: [2] }] });
    expect(oneType).toMatchObject({ records: false, areaTypes: 'kept' });
    expect(oneType.acrossAreas).toBeUndefined();
    expect(sourceOf({ rows: ['county'], measures: ['granted_sek'], filters: [{ dimension: 'area_type', values: [1, 2] }] })).toMatchObject({ records: true });
  });
});

describe('drill-down', () => {
  const drill = (args: unknown) => drillCrosstab(store.db, crosstabDrillArgs.parse(args));

  it('gives exactly the applications behind a cell, a subtotal and the total, page by page', () => {
    const query = crosstabQuery.parse({ rows: ['area_type', 'stage'], cols: ['year'], measures: ['applications'], filters: [{ dimension: 'applicant_type', values: ['municipality', 'non_profit'] }] });
    const result = runCrosstab(store.db, query);
    const picked = [result.cells[0]!, result.cells.find((c) => c.key[0] === null && !c.total[0] && c.total[1] && !c.total[2])!, result.cells.at(-1)!];
    for (const cell of picked) {
      const filters = cellFilters(query, cell);
      const ids: number[] = [];
      let after: number | null = null;
      for (;;) {
        const page = drill({ filters, after, limit: 50 });
        expect(page.count).toBe(cell.values[0]);
        ids.push(...page.ids);
        if (page.next === null) break;
        after = page.next;
      }
      const expected = applications
        .filter((a) => ['municipality', 'non_profit'].includes(a.dims.applicant_type as string))
        .filter((a) => cell.total[0] || a.areaTypes.includes(cell.key[0] ?? null))
        .filter((a) => cell.total[1] || a.dims.stage === cell.key[1])
        .filter((a) => cell.total[2] || a.year === cell.key[2])
        .map((a) => a.id)
        .sort((x, y) => x - y);
      expect(ids).toEqual(expected);
    }
  });
});

describe('impossible cross-tabs', () => {
  it.each([
    [{ rows: ['indicator'], measures: ['granted_sek'] }, { reason: 'dimensionForMeasure', measure: 'granted_sek', dimension: 'indicator' }],
    [{ rows: ['county'], measures: ['applications'], filters: [{ dimension: 'sex', values: ['K'] }] }, { reason: 'dimensionForMeasure', dimension: 'sex' }],
    [{ rows: ['stage'], measures: ['indicator_mean'], filters: [{ dimension: 'indicator', values: ['N00914'] }] }, { reason: 'dimensionForMeasure', dimension: 'stage' }],
    [{ rows: ['county'], measures: ['indicator_mean'] }, { reason: 'needsIndicator' }],
    [{ rows: ['county'], measures: ['indicator_mean'], filters: [{ dimension: 'indicator', values: ['N00914', 'OJI'] }] }, { reason: 'needsIndicator' }],
    [{ rows: ['county'], measures: ['indicator_change'], filters: [{ dimension: 'indicator', values: ['N00914'] }] }, { reason: 'needsYears' }],
    [{ rows: ['year'], measures: ['indicator_change'], filters: [{ dimension: 'indicator', values: ['N00914'] }], years: { from: 2019, to: 2023 } }, { reason: 'changeByYear' }],
    [{ rows: ['county'], measures: ['granted_sek_per_capita'] }, { reason: 'needsPopulation' }],
    [{ rows: ['county'], measures: ['granted_sek_per_capita'], population: 'NOPE1' }, { reason: 'unknownIndicator' }],
  ] as [CrosstabQueryIn, Record<string, unknown>][])('refuses %j', (query, details) => {
    expect(refused(query)).toMatchObject(details);
  });

  it('refuses a drill-down by an indicator dimension, and arguments that repeat a dimension', () => {
    expect(() => drillCrosstab(store.db, crosstabDrillArgs.parse({ filters: [{ dimension: 'sex', values: ['T'] }] }))).toThrow(expect.objectContaining({ code: 'CROSSTAB_UNSUPPORTED' }));
    expect(crosstabQuery.safeParse({ rows: ['county'], cols: ['county'], measures: ['applications'] }).success).toBe(false);
    expect(crosstabQuery.safeParse({ rows: ['county', 'year', 'stage'], measures: ['applications'] }).success).toBe(false);
  });
});
