import type { ApplicationChanges, ApplicationDetail } from '../../../../main/contract/calls';
import type { CodedReason } from '../../components/reject-reason';
import { formatKronorInput, kronorToOre } from '../../format';
import { issuesAt } from './form-issues';

/** The form's fields as typed text; amounts in kronor. */
export interface FormValues {
  title: string;
  summary: string;
  stage: ApplicationDetail['stage'];
  status: ApplicationDetail['status'];
  municipalityCode: string;
  targetAreas: string;
  firstYear: string;
  lastYear: string;
  requestedKr: string;
  includesEvaluation: boolean;
  evaluationKr: string;
}

export function formValues(detail: ApplicationDetail): FormValues {
  return {
    title: detail.title,
    summary: detail.summary,
    stage: detail.stage,
    status: detail.status,
    municipalityCode: detail.municipalityCode ?? '',
    targetAreas: detail.targetAreas,
    firstYear: String(detail.firstYear),
    lastYear: String(detail.lastYear),
    requestedKr: formatKronorInput(detail.requestedOre),
    includesEvaluation: detail.includesEvaluation,
    evaluationKr: detail.evaluationOre === null ? '' : formatKronorInput(detail.evaluationOre),
  };
}

/** Only what differs from the record is sent; the server checks every field and names the one that is wrong. */
export function changesOf(detail: ApplicationDetail, values: FormValues): ApplicationChanges {
  const next: ApplicationChanges = {
    title: values.title,
    summary: values.summary,
    stage: values.stage,
    status: values.status,
    municipalityCode: values.municipalityCode.trim() === '' ? null : values.municipalityCode.trim(),
    targetAreas: values.targetAreas,
    firstYear: Number(values.firstYear),
    lastYear: Number(values.lastYear),
    requestedOre: kronorToOre(values.requestedKr),
    includesEvaluation: values.includesEvaluation,
    evaluationOre: values.evaluationKr.trim() === '' ? null : kronorToOre(values.evaluationKr),
  };
  const current: Record<string, unknown> = { ...detail };
  return Object.fromEntries(Object.entries(next).filter(([key, value]) => value !== current[key])) as ApplicationChanges;
}

/**
 * The fields the server's validation issues (`changes.lastYear`) point at, each with the rule it
 * broke when the server names one (a reject code and its values), else null: the form shows each
 * field's message in the user's language next to it.
 */
export function invalidFields(error: unknown): Map<keyof ApplicationChanges, CodedReason | null> | null {
  const issues = issuesAt(error, 'changes');
  if (!issues) return null;
  return new Map(
    [...issues].map(([field, issue]) => [field as keyof ApplicationChanges, issue.code === undefined ? null : { code: issue.code, params: issue.params ?? {} }]),
  );
}
