import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { calls } from '../../main/contract/calls';
import { evaluationStatus } from '../../main/services/evaluation/status';
import { openStore } from '../../main/store/open-store';
import { addGrants, portfolio } from '../support/evaluation-store';
import { resourcesDir, useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();

describe('evaluation.status', () => {
  it('judges every multi-year grant and says why, with its indicators’ follow-up', () => {
    const store = openStore(join(tempDir(), 'status.sqlite'), { resourcesDir });
    const ids = portfolio(store.db);
    const result = evaluationStatus(store.db, '2026-01-10');
    expect(calls['evaluation.status'].result.safeParse(result).success).toBe(true);
    expect(result.counts).toEqual({ on_track: 1, at_risk: 1, late: 1, completed: 1 });
    const grant = (id: number) => result.grants.find((row) => row.applicationId === id)!;
    expect(result.grants).toHaveLength(4);

    expect(grant(ids.onTrack)).toMatchObject({ status: 'on_track', followResearch: true, reasons: [{ code: 'on_schedule' }] });
    expect(grant(ids.onTrack).indicators).toEqual([
      {
        indicator: 'AM0207AC',
        indicatorName: { sv: 'Förvärvsfrekvens 20–64 år', en: 'Employment rate, age 20–64' },
        sex: 'T',
        geo: '1280',
        geoName: 'Malmö',
        baseline: { year: 2023, value: 70 },
        latest: { year: 2025, value: 71.5 },
        change: 1.5,
        target: { year: 2026, value: 73 },
        distanceToTarget: 1.5,
        comparisonChange: 0.5,
        comparisonPlaces: 1,
        difference: 1,
        direction: 'toward',
      },
    ]);
    expect(grant(ids.atRisk)).toMatchObject({ status: 'at_risk', reasons: [{ code: 'indicator_against_target', params: { indicator: 'N00914', name_sv: expect.any(String), name_en: expect.any(String), place: 'Stockholm' } }] });
    expect(grant(ids.atRisk).indicators[0]).toMatchObject({ change: expect.closeTo(0.4, 12), direction: 'against' });
    expect(grant(ids.late)).toMatchObject({
      status: 'late',
      reasons: [
        { code: 'milestone_overdue', params: { title: 'Intervjustudie', dueOn: '2025-12-15', days: 26 } },
        { code: 'report_overdue', params: { kind: 'financial', dueOn: '2025-12-31', days: 10 } },
      ],
    });
    expect(grant(ids.done)).toMatchObject({ status: 'completed', reasons: [{ code: 'all_done', params: { endsOn: '2025-06-30' } }] });
    store.close();
  });

  it('ends a grant without a plan on the last day of its last year', () => {
    const store = openStore(join(tempDir(), 'no-plan.sqlite'), { resourcesDir });
    const [id] = addGrants(store.db, [{ firstYear: 2023, lastYear: 2025 }]);
    expect(evaluationStatus(store.db, '2025-12-31').grants[0]).toMatchObject({ applicationId: id, status: 'on_track' });
    expect(evaluationStatus(store.db, '2026-01-01').grants[0]).toMatchObject({ status: 'completed', reasons: [{ params: { endsOn: '2025-12-31' } }] });
    store.close();
  });
});
