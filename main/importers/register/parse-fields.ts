import Organisationsnummer from 'organisationsnummer';
import type { ApplicantType, ImportField, Stage, Status } from '../../contract/calls';
import type { RejectParams } from '../../contract/domains/imports';
import type { ParamsOf, RejectCode } from '../../contract/reject-reasons';
import { isAmountOre, isCalendarDay, MAX_AMOUNT_ORE, textProblem, type TextField } from '../../contract/field-rules';
import { codedReason } from '../../domain/reject-reasons';
import { parseNumber, type DecimalMark } from '../tabular/numbers';
import { applicantTypeLabels, stageLabels, statusLabels, yesNo } from '../../contract/value-labels';
import { normalise, recogniser } from '../../domain/recognise-labels';

/** A cell or row that cannot be imported: the field it is for and why, as a reject code and its values. */
export class FieldProblem<C extends RejectCode = RejectCode> extends Error {
  readonly params: RejectParams;

  constructor(
    readonly field: ImportField,
    readonly code: C,
    ...params: ParamsOf<C>
  ) {
    const { params: values, reason } = codedReason(code, ...params);
    super(reason);
    this.params = values;
  }
}

const status = recogniser(statusLabels);
const stage = recogniser(stageLabels);
const applicantType = recogniser(applicantTypeLabels);
const yes = new Set([...yesNo.sv.slice(0, 1), ...yesNo.en.slice(0, 1), '1', 'x', 'true'].map(normalise));
const no = new Set([...yesNo.sv.slice(1), ...yesNo.en.slice(1), '0', '', 'false'].map(normalise));

/** Swedish organisation numbers as `NNNNNN-NNNN`, check digit included (organisationsnummer's rules). */
export function parseOrgNumber(text: string): string {
  const trimmed = text.trim();
  if (!Organisationsnummer.valid(trimmed)) {
    throw new FieldProblem('orgNumber', 'orgNumberInvalid', { text: trimmed });
  }
  return Organisationsnummer.parse(trimmed).format(true);
}

/** A free-text cell as it may be stored (the same rule as the edit form's), else a FieldProblem. */
export function checkText(field: ImportField & TextField, text: string): string {
  const problem = textProblem(field, text);
  if (problem?.code === 'textTooLong') throw new FieldProblem(field, 'textTooLong', { max: problem.max });
  if (problem) throw new FieldProblem(field, 'controlCharacter');
  return text;
}

/** Reads one field's cells; every function throws a FieldProblem whose reason a user can act on. */
export function fieldReaders(decimal: DecimalMark) {
  const enumOf =
    <K extends string>(field: ImportField, recognise: (text: string) => K | undefined, code: 'statusUnknown' | 'stageUnknown' | 'applicantTypeUnknown') =>
    (text: string): K => {
      const value = recognise(text);
      if (value === undefined) throw new FieldProblem(field, code, { text });
      return value;
    };
  const amountOre = (field: ImportField) => (text: string): number | null => {
    const value = parseNumber(text, decimal);
    if (value === undefined) throw new FieldProblem(field, 'notAnAmount', { text });
    if (value === null) return null;
    if (value < 0) throw new FieldProblem(field, 'negativeAmount');
    const ore = Math.round(value * 100);
    if (!isAmountOre(ore)) throw new FieldProblem(field, 'amountTooLarge', { max: MAX_AMOUNT_ORE / 100 });
    return ore;
  };
  const year = (field: ImportField) => (text: string): number => {
    if (!/^\s*\d{4}\s*$/.test(text)) throw new FieldProblem(field, 'notAYear', { text });
    const value = Number(text);
    if (value < 2000 || value > 2100) throw new FieldProblem(field, 'yearOutOfRange', { year: value });
    return value;
  };
  const date = (field: ImportField) => (text: string): string => {
    const trimmed = text.trim();
    if (!isCalendarDay(trimmed)) throw new FieldProblem(field, 'notADate', { text: trimmed });
    return trimmed;
  };
  return {
    status: enumOf<Status>('status', status, 'statusUnknown'),
    stage: enumOf<Stage>('stage', stage, 'stageUnknown'),
    applicantType: enumOf<ApplicantType>('applicantType', applicantType, 'applicantTypeUnknown'),
    orgNumber: parseOrgNumber,
    requestedOre: amountOre('requestedOre'),
    grantedOre: amountOre('grantedOre'),
    evaluationOre: amountOre('evaluationOre'),
    callYear: year('callYear'),
    firstYear: year('firstYear'),
    lastYear: year('lastYear'),
    receivedOn: date('receivedOn'),
    decidedOn: date('decidedOn'),
    includesEvaluation: (text: string): boolean => {
      if (yes.has(normalise(text))) return true;
      if (no.has(normalise(text))) return false;
      throw new FieldProblem('includesEvaluation', 'notYesOrNo', { text });
    },
  };
}
