import Organisationsnummer from 'organisationsnummer';
import type { ApplicantType, ImportField, Stage, Status } from '../../contract/calls';
import { parseNumber, type DecimalMark } from '../tabular/numbers';
import { applicantTypeLabels, normalise, recogniser, stageLabels, statusLabels, yesNo } from './value-labels';

/** A cell that cannot be read: the field it is for and why. */
export class FieldProblem extends Error {
  constructor(
    readonly field: ImportField,
    reason: string,
  ) {
    super(reason);
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
    throw new FieldProblem('orgNumber', `"${trimmed}" is not a valid organisation number (NNNNNN-NNNN with a correct check digit)`);
  }
  return Organisationsnummer.parse(trimmed).format(true);
}

/** Reads one field's cells; every function throws FieldProblem with a reason a user can act on. */
export function fieldReaders(decimal: DecimalMark) {
  const enumOf =
    <K extends string>(field: ImportField, recognise: (text: string) => K | undefined, what: string) =>
    (text: string): K => {
      const value = recognise(text);
      if (value === undefined) throw new FieldProblem(field, `"${text}" is not a known ${what}`);
      return value;
    };
  const amountOre = (field: ImportField) => (text: string): number | null => {
    const value = parseNumber(text, decimal);
    if (value === undefined) throw new FieldProblem(field, `"${text}" is not an amount`);
    if (value === null) return null;
    if (value < 0) throw new FieldProblem(field, 'An amount cannot be negative');
    return Math.round(value * 100);
  };
  const year = (field: ImportField) => (text: string): number => {
    if (!/^\s*\d{4}\s*$/.test(text)) throw new FieldProblem(field, `"${text}" is not a year`);
    const value = Number(text);
    if (value < 2000 || value > 2100) throw new FieldProblem(field, `${value} is outside 2000–2100`);
    return value;
  };
  const date = (field: ImportField) => (text: string): string => {
    const trimmed = text.trim();
    if (!/^\d{4}-\d{2}-\d{2}$/.test(trimmed) || Number.isNaN(Date.parse(`${trimmed}T00:00:00Z`))) {
      throw new FieldProblem(field, `"${trimmed}" is not a date (YYYY-MM-DD)`);
    }
    return trimmed;
  };
  return {
    status: enumOf<Status>('status', status, 'status'),
    stage: enumOf<Stage>('stage', stage, 'stage'),
    applicantType: enumOf<ApplicantType>('applicantType', applicantType, 'applicant type'),
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
      throw new FieldProblem('includesEvaluation', `"${text}" is neither yes nor no`);
    },
  };
}
