import { describe, expect, it } from 'vitest';
import { followUp, type TrackedIndicator } from '../../main/domain/evaluation/follow-up';
import { daysBetween, dueWithin, grantStatus, type GrantStatusInput } from '../../main/domain/evaluation/grant-status';
import { reasonSentence } from '../../main/contract/evaluation-words';

/** A tracked indicator as the status reads it: its code, names and place. */
const indicator = (code: string, direction: 'toward' | 'against') => ({ indicator: code, indicatorName: { sv: `Namn ${code}`, en: `Name ${code}` }, geoName: 'Malmö', direction });

const years = (values: Record<number, number>) => new Map(Object.entries(values).map(([year, value]) => [Number(year), value]));

describe('an indicator’s follow-up', () => {
  // Employment rate (higher is better) from 62.0 in 2021; target 66 in 2024, 68 in 2026.
  const tracked: TrackedIndicator = {
    higherIsBetter: true,
    baseline: { year: 2021, value: 62 },
    values: years({ 2020: 61, 2021: 62.5, 2022: 63, 2023: 64.5 }),
    targets: [
      { year: 2026, value: 68 },
      { year: 2024, value: 66 },
    ],
    comparison: [years({ 2021: 70, 2023: 71 }), years({ 2021: 50, 2023: 50.5 }), years({ 2022: 40, 2023: 41 })],
  };

  it('gives baseline, latest, change, distance to target, the comparison places’ change and the difference', () => {
    expect(followUp(tracked)).toEqual({
      // The baseline is kept as picked (62), though the store now says 62.5 for 2021.
      baseline: { year: 2021, value: 62 },
      latest: { year: 2023, value: 64.5 },
      change: 2.5,
      // The next target after 2023.
      target: { year: 2024, value: 66 },
      distanceToTarget: 1.5,
      // Two places have 2021 and 2023: (1 + 0.5) / 2; the third lacks 2021.
      comparisonChange: 0.75,
      comparisonPlaces: 2,
      difference: 1.75,
      direction: 'toward',
    });
  });

  it('says when an indicator moves against its target, whichever way the target points', () => {
    // Unemployment (lower is better) rising from 8 towards a target of 6.
    const unemployment = { ...tracked, higherIsBetter: false, baseline: { year: 2021, value: 8 }, values: years({ 2023: 9 }), targets: [{ year: 2025, value: 6 }], comparison: [] };
    expect(followUp(unemployment)).toMatchObject({ change: 1, distanceToTarget: -3, direction: 'against', comparisonChange: null, difference: null });
    // A target above the baseline asks for a rise even of an indicator where lower is better.
    expect(followUp({ ...unemployment, targets: [{ year: 2025, value: 10 }] }).direction).toBe('toward');
    // No target: the better way counts.
    expect(followUp({ ...unemployment, targets: [] })).toMatchObject({ target: null, distanceToTarget: null, direction: 'against' });
    expect(followUp({ ...unemployment, values: years({ 2023: 8 }) }).direction).toBe('none');
  });

  it('has nothing to say before a baseline is picked or a later value comes', () => {
    expect(followUp({ ...tracked, baseline: null })).toMatchObject({ latest: null, change: null, direction: null, target: { year: 2024, value: 66 } });
    expect(followUp({ ...tracked, values: years({ 2020: 61, 2021: 62 }) })).toMatchObject({ latest: null, change: null, comparisonPlaces: 0 });
    // Past the last target year, the last target still stands.
    expect(followUp({ ...tracked, values: years({ 2027: 69 }) }).target).toEqual({ year: 2026, value: 68 });
  });
});

describe('a grant’s status', () => {
  const base: GrantStatusInput = {
    today: '2026-01-10',
    endsOn: '2026-12-31',
    milestones: [
      { title: 'Intervjuer', dueOn: '2025-11-30', status: 'done' },
      { title: 'Enkät', dueOn: '2026-02-28', status: 'planned' },
    ],
    reports: [{ kind: 'progress', dueOn: '2025-03-31', receivedOn: '2025-03-30' }],
    indicators: [indicator('AM0207AC', 'toward')],
    risks: [{ description: 'Få svar', likelihood: 'high', impact: 'medium', status: 'open' }],
  };

  it('is on track with nothing overdue and nothing moving the wrong way', () => {
    expect(grantStatus(base)).toEqual({ status: 'on_track', reasons: [{ code: 'on_schedule', params: {} }] });
  });

  it('is late with a milestone or a report overdue, the longest overdue first, counted across the year end', () => {
    const late = grantStatus({
      ...base,
      milestones: [...base.milestones, { title: 'Workshop', dueOn: '2025-12-20', status: 'in_progress' }],
      reports: [...base.reports, { kind: 'financial', dueOn: '2025-12-31', receivedOn: null }],
      indicators: [indicator('AM0207AC', 'against')],
    });
    expect(late).toEqual({
      status: 'late',
      reasons: [
        { code: 'milestone_overdue', params: { title: 'Workshop', dueOn: '2025-12-20', days: 21 } },
        { code: 'report_overdue', params: { kind: 'financial', dueOn: '2025-12-31', days: 10 } },
      ],
    });
    expect(reasonSentence('en', late.reasons[0]!)).toBe('Milestone “Workshop” was due 2025-12-20 (21 days late).');
    // Due today is not overdue; a cancelled milestone never is.
    expect(grantStatus({ ...base, milestones: [{ title: 'Idag', dueOn: '2026-01-10', status: 'planned' }, { title: 'Struken', dueOn: '2025-01-01', status: 'cancelled' }] }).status).toBe('on_track');
  });

  it('is at risk when an indicator moves against its target or an open risk is likely and grave', () => {
    expect(grantStatus({ ...base, indicators: [...base.indicators, indicator('N00914', 'against')] })).toEqual({
      status: 'at_risk',
      reasons: [{ code: 'indicator_against_target', params: { indicator: 'N00914', name_sv: 'Namn N00914', name_en: 'Name N00914', place: 'Malmö' } }],
    });
    const grave = { description: 'Partnern lämnar', likelihood: 'high', impact: 'high', status: 'open' } as const;
    expect(grantStatus({ ...base, risks: [grave] }).reasons).toEqual([{ code: 'risk_high', params: { description: 'Partnern lämnar' } }]);
    expect(grantStatus({ ...base, risks: [{ ...grave, status: 'closed' }] }).status).toBe('on_track');
  });

  it('is completed once past its end with every milestone done and every report in', () => {
    const ended = { ...base, endsOn: '2025-12-31', milestones: [base.milestones[0]!], indicators: [indicator('AM0207AC', 'against')] };
    expect(grantStatus(ended)).toEqual({ status: 'completed', reasons: [{ code: 'all_done', params: { endsOn: '2025-12-31' } }] });
    // A milestone still open after the end, not yet due: not completed.
    expect(grantStatus({ ...ended, milestones: base.milestones }).status).toBe('at_risk');
  });

  it('counts deadlines ahead across the year boundary', () => {
    expect(daysBetween('2025-12-20', '2026-01-05')).toBe(16);
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(dueWithin('2026-01-05', '2025-12-20', 30)).toBe(true);
    expect(dueWithin('2026-03-20', '2025-12-20', 90)).toBe(true);
    expect(dueWithin('2026-03-21', '2025-12-20', 90)).toBe(false);
    expect(dueWithin('2025-12-19', '2025-12-20', 30)).toBe(false);
    expect(dueWithin('2025-12-20', '2025-12-20', 30)).toBe(true);
  });
});
