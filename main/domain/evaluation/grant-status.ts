import type { GrantStatus, StatusReason } from '../../contract/domains/evaluation';
import type { IndicatorFollowUp } from './follow-up';

// A multi-year grant's status for the evaluator, from its milestones, the register's reports, its
// risks and how its tracked indicators move. The rules, in order: anything overdue makes it late;
// past its end with nothing left open it is completed; an indicator moving against its target or a
// grave open risk puts it at risk; otherwise it is on track.

export interface GrantStatusInput {
  /** YYYY-MM-DD: the evaluator's day. */
  today: string;
  /** The day the grant's evaluation ends: its plan's end, or the last day of its last year. */
  endsOn: string;
  milestones: readonly { title: string; dueOn: string; status: 'planned' | 'in_progress' | 'done' | 'cancelled' }[];
  reports: readonly { kind: string; dueOn: string; receivedOn: string | null }[];
  /** Each tracked indicator named as the store names it in both languages, so a reason can say it in either. */
  indicators: readonly { indicator: string; indicatorName: { sv: string; en: string }; geoName: string; direction: IndicatorFollowUp['direction'] }[];
  risks: readonly { description: string; likelihood: 'low' | 'medium' | 'high'; impact: 'low' | 'medium' | 'high'; status: 'open' | 'closed' }[];
}

const DAY_MS = 86_400_000;

/** Whole days from one ISO date to another, across month and year ends alike. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** A deadline from today up to `days` ahead (the dashboard's 30 and 90 days); an overdue one is not upcoming. */
export function dueWithin(dueOn: string, today: string, days: number): boolean {
  const ahead = daysBetween(today, dueOn);
  return ahead >= 0 && ahead <= days;
}

export function grantStatus(input: GrantStatusInput): { status: GrantStatus; reasons: StatusReason[] } {
  const { today } = input;
  const openMilestones = input.milestones.filter((milestone) => milestone.status === 'planned' || milestone.status === 'in_progress');
  const openReports = input.reports.filter((report) => report.receivedOn === null);
  const overdue: StatusReason[] = [
    ...openMilestones
      .filter((milestone) => milestone.dueOn < today)
      .map((milestone) => ({ code: 'milestone_overdue' as const, params: { title: milestone.title, dueOn: milestone.dueOn, days: daysBetween(milestone.dueOn, today) } })),
    ...openReports
      .filter((report) => report.dueOn < today)
      .map((report) => ({ code: 'report_overdue' as const, params: { kind: report.kind, dueOn: report.dueOn, days: daysBetween(report.dueOn, today) } })),
  ];
  if (overdue.length > 0) return { status: 'late', reasons: overdue.sort((a, b) => Number(b.params.days) - Number(a.params.days)) };
  if (input.endsOn < today && openMilestones.length === 0 && openReports.length === 0) {
    return { status: 'completed', reasons: [{ code: 'all_done', params: { endsOn: input.endsOn } }] };
  }
  const risks: StatusReason[] = [
    ...input.indicators.filter((tracked) => tracked.direction === 'against').map((tracked) => ({
        code: 'indicator_against_target' as const,
        params: { indicator: tracked.indicator, name_sv: tracked.indicatorName.sv, name_en: tracked.indicatorName.en, place: tracked.geoName },
      })),
    ...input.risks
      .filter((risk) => risk.status === 'open' && risk.likelihood === 'high' && risk.impact === 'high')
      .map((risk) => ({ code: 'risk_high' as const, params: { description: risk.description } })),
  ];
  if (risks.length > 0) return { status: 'at_risk', reasons: risks };
  return { status: 'on_track', reasons: [{ code: 'on_schedule', params: {} }] };
}
