import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { calls, type EvaluationDid } from '../../main/contract/calls';
import { evaluationDid } from '../../main/services/evaluation/did';
import { treatment } from '../../main/services/evaluation/treatment';
import { Services } from '../../main/services/services';
import { openStore } from '../../main/store/open-store';
import { addGrants, addRegsos, addValues, mpdtaRows, municipalities, storeWithKnownEffect } from '../support/evaluation-store';
import { resourcesDir, useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();

const storeAt = () => openStore(join(tempDir(), 'store.sqlite'), { resourcesDir });

const defaults = { sex: 'T', level: 'municipality', control: 'never' } as const;

describe('treatment from the register', () => {
  it('starts a place at its earliest grant’s first year; rejected, withdrawn and undecided applications treat nothing', () => {
    const store = storeAt();
    const [a, b, c, d, e] = municipalities(store.db);
    addGrants(store.db, [
      { municipality: a, firstYear: 2021 },
      { municipality: a, firstYear: 2019, status: 'partly_granted' },
      { municipality: b, firstYear: 2020, status: 'rejected' },
      { municipality: c, firstYear: 2020, status: 'withdrawn' },
      { municipality: d, firstYear: 2020, status: 'received' },
      { municipality: e, firstYear: 2020, status: 'in_review' },
      { municipality: null, firstYear: 2018 },
    ]);
    const { firstYears, grants } = treatment(store.db, { level: 'municipality' });
    expect([...firstYears]).toEqual([[a, 2019]]);
    expect(grants).toBe(3);
    store.close();
  });

  it('lets programme, call, stage and follow-research narrow which grants count', () => {
    const store = storeAt();
    const [a, b, c, d] = municipalities(store.db);
    addGrants(store.db, [
      { municipality: a, firstYear: 2020, programme: 'Delmos' },
      { municipality: b, firstYear: 2020, programme: 'Annat', stage: 'survey' },
      { municipality: c, firstYear: 2021, programme: 'Delmos', followResearch: true },
      { municipality: d, firstYear: 2022, programme: 'Delmos', stage: 'survey' },
    ]);
    const treated = (filters: Parameters<typeof treatment>[1]) => [...treatment(store.db, filters).firstYears.keys()].sort();
    expect(treated({ level: 'municipality', programme: 'Delmos' })).toEqual([a, c, d]);
    expect(treated({ level: 'municipality', stage: 'survey' })).toEqual([b, d]);
    expect(treated({ level: 'municipality', followResearch: true })).toEqual([c]);
    expect(treated({ level: 'municipality', followResearch: false, programme: 'Delmos' })).toEqual([a, d]);
    const call2021 = store.db.prepare("SELECT id FROM grant_calls WHERE year = 2021 AND programme = 'Delmos'").pluck().get() as number;
    expect(treated({ level: 'municipality', callId: call2021 })).toEqual([c]);
    store.close();
  });

  it('treats RegSOs through the target areas: codes, a DeSO’s RegSO, names within the municipality', () => {
    const store = storeAt();
    addRegsos(store.db, '0180', ['0180R001', '0180R002', '0180R003']);
    addRegsos(store.db, '1480', ['1480R001']);
    store.db.prepare("INSERT INTO stat_areas (code, kind, municipality_code, regso_code) VALUES ('0180C0010', 'deso', '0180', '0180R003')").run();
    addGrants(store.db, [
      { municipality: '0180', firstYear: 2021, targetAreas: '0180r001; Område 0180R002' },
      { municipality: '0180', firstYear: 2020, targetAreas: '0180C0010, Område 1480R001, Nowhere' },
      { municipality: '0180', firstYear: 2019, targetAreas: '0180R001', status: 'rejected' },
    ]);
    // "Område 1480R001" is a name in Göteborg, not in the application's Stockholm.
    expect([...treatment(store.db, { level: 'regso' }).firstYears].sort()).toEqual([
      ['0180R001', 2021],
      ['0180R002', 2021],
      ['0180R003', 2020],
    ]);
    store.close();
  });
});

describe('the evaluation.did call', () => {
  it('gives back a known effect from the register and the indicator store', () => {
    const store = storeAt();
    storeWithKnownEffect(store.db);
    const result = evaluationDid(store.db, { ...defaults, indicator: 'N00914' });
    expect(result.places).toEqual({
      used: 60,
      treatedFromStart: 0,
      treatedAfterEnd: 0,
      cohorts: [
        { cohort: 2019, places: 12 },
        { cohort: 2021, places: 12 },
      ],
      never: 36,
      treatedWithoutValues: 0,
    });
    expect(result.grants).toBe(25);
    for (const cell of result.cells) {
      const e = cell.year - cell.cohort;
      expect(cell.att, `ATT(${cell.cohort},${cell.year})`).toBeCloseTo(e >= 0 ? 1 + 0.5 * e : 0, 9);
      expect(cell).toMatchObject({ treated: 12, comparison: 36, missing: 0 });
    }
    expect(result.cells).toHaveLength(2 * 7);
    expect(result.event.map((row) => row.e)).toEqual([-4, -3, -2, -1, 0, 1, 2, 3, 4]);
    for (const row of result.event) expect(row.att).toBeCloseTo(row.e >= 0 ? 1 + 0.5 * row.e : 0, 9);
    expect(result.overall!.att).toBeCloseTo((1 + 1.5 + 2 + 2.5 + 3) / 5, 9);
    expect(calls['evaluation.did'].result.safeParse(result).success).toBe(true);
    store.close();
  });

  it('reproduces the did package’s mpdta table with the counties as RegSOs treated by grants', () => {
    const store = storeAt();
    const rows = mpdtaRows();
    const counties = [...new Set(rows.map((row) => row.county))];
    const code = (county: string) => `0180R${county}`;
    addRegsos(store.db, '0180', counties.map(code));
    const starts = new Map(rows.map((row) => [row.county, row.firstTreat]));
    addGrants(store.db, [
      ...[...starts].filter(([, start]) => start > 0).map(([county, firstYear]) => ({ firstYear, targetAreas: code(county) })),
      // Never-treated counties with applications that were turned down stay in the comparison.
      ...[...starts].filter(([, start]) => start === 0).slice(0, 50).map(([county]) => ({ firstYear: 2004, targetAreas: code(county), status: 'rejected' as const })),
    ]);
    addValues(store.db, 'AM0207AC', 'T', rows.map((row) => ({ place: code(row.county), year: row.year, value: row.lemp })));
    const result = evaluationDid(store.db, { ...defaults, level: 'regso', indicator: 'AM0207AC' });
    const att = (cohort: number, year: number) => Number(result.cells.find((cell) => cell.cohort === cohort && cell.year === year)!.att.toFixed(4));
    expect([att(2004, 2004), att(2004, 2006), att(2006, 2007), att(2007, 2007)]).toEqual([-0.0105, -0.1373, -0.0412, -0.0261]);
    expect(Number(result.event.find((row) => row.e === 0)!.att.toFixed(4))).toBe(-0.0199);
    expect(Number(result.overall!.att.toFixed(4))).toBe(-0.0772);
    expect(result.places).toMatchObject({ used: 500, never: 309 });
    store.close();
  });

  it('is validated at the boundary, reads only, and refuses an indicator the store does not know', async () => {
    const services = new Services({ resourcesDir });
    services.open(join(tempDir(), 'services.sqlite'));
    expect(calls['evaluation.did'].writes).toBe(false);
    expect(await services.call('evaluation.did', { indicator: 'N00914', level: 'deso' })).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    expect(await services.call('evaluation.did', { indicator: 'NOPE' })).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    // Unemployment is not published by RegSO, the inequality index not by sex.
    expect(await services.call('evaluation.did', { indicator: 'N00914', level: 'regso' })).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', message: expect.stringMatching(/no values by regso/) } });
    expect(await services.call('evaluation.did', { indicator: 'OJI', sex: 'K' })).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', message: expect.stringMatching(/not split by sex/) } });
    const empty = await services.call('evaluation.did', { indicator: 'N00914' });
    expect(empty).toMatchObject({ ok: true, value: { cells: [], event: [], overall: null, grants: 0 } });
    expect(calls['evaluation.did'].result.safeParse((empty as { value: EvaluationDid }).value).success).toBe(true);
    services.close();
  });
});
