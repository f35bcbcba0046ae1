import type { Database, Statement } from 'better-sqlite3';
import { statement } from '../../store/statement-cache';
import { FieldProblem } from './parse-fields';
import { replaceGrantedByYear, replaceRequestedByYear } from '../../domain/money-by-year';
import type { OrganisationRows } from './organisation-rows';
import { given, type Outcome, type RowContext, type RowFields } from './row-outcome';

interface ApplicationRow {
  id: number;
  case_number: string;
  call_id: number;
  organisation_id: number;
  title: string;
  summary: string;
  stage: string;
  municipality_code: string | null;
  first_year: number;
  last_year: number;
  requested_ore: number;
  includes_evaluation: number;
  evaluation_ore: number | null;
  status: string;
  received_on: string;
  granted_ore: number;
}

type Column = Exclude<keyof ApplicationRow, 'id' | 'case_number' | 'granted_ore'>;

/**
 * Inserts or updates one application matched on its case number (diarienummer), with its lead
 * applicant, and its granted amount as a decision. Only what the file gives is compared and
 * written, so importing the same file twice changes nothing the second time.
 */
export class ApplicationRows {
  private readonly byCase: Statement;
  private readonly callsOfYear: Statement;
  private readonly decisionsOf: Statement;

  constructor(
    private readonly db: Database,
    private readonly context: RowContext,
    private readonly organisations: OrganisationRows,
  ) {
    this.byCase = statement(db, 'SELECT * FROM applications WHERE case_number = ?');
    this.callsOfYear = statement(db, 'SELECT id FROM grant_calls WHERE year = ? ORDER BY id LIMIT 2');
    this.decisionsOf = statement(db, 'SELECT id, granted_ore, decided_on FROM decisions WHERE application_id = ?');
  }

  private callFor(year: number): number {
    const ids = this.callsOfYear.pluck().all(year) as number[];
    if (ids.length > 1) throw new FieldProblem('callYear', 'severalCallsInYear', { year });
    if (ids[0] !== undefined) return ids[0];
    // A file from before the register existed: its year's call is created, with no budget, so the budget check flags it.
    const created = statement(this.db, "INSERT INTO grant_calls (year, programme, title, budget_ore) VALUES (?, 'Importerad', ?, 0)")
      .run(year, `Utlysning ${year} (importerad)`);
    this.context.edit.record({ table: 'grant_calls', rowId: Number(created.lastInsertRowid), field: null, oldValue: null, newValue: year });
    return Number(created.lastInsertRowid);
  }

  apply(fields: RowFields): Outcome {
    const { read, geography, edit, today } = this.context;
    const caseNumber = given(fields, 'caseNumber');
    if (caseNumber === undefined) throw new FieldProblem('caseNumber', 'caseNumberMissing');
    const found = this.byCase.get(caseNumber) as ApplicationRow | undefined;

    const next: Partial<Record<Column, string | number | null>> = {};
    const text = (field: 'title' | 'summary', column: Column) => {
      const value = given(fields, field);
      if (value !== undefined) next[column] = value;
    };
    text('title', 'title');
    text('summary', 'summary');
    const parse = <T>(field: Parameters<typeof given>[1], reader: (text: string) => T): T | undefined => {
      const value = given(fields, field);
      return value === undefined ? undefined : reader(value);
    };
    const stage = parse('stage', read.stage);
    if (stage !== undefined) next.stage = stage;
    const status = parse('status', read.status);
    if (status !== undefined) next.status = status;
    const municipalityText = given(fields, 'municipality');
    if (municipalityText !== undefined) {
      const code = geography.municipality(municipalityText);
      if (code === undefined) throw new FieldProblem('municipality', 'municipalityUnknown', { text: municipalityText });
      next.municipality_code = code;
    }
    const callYear = parse('callYear', read.callYear);
    const firstYear = parse('firstYear', read.firstYear) ?? (found ? undefined : callYear);
    const lastYear = parse('lastYear', read.lastYear);
    if (callYear !== undefined || (!found && firstYear !== undefined)) next.call_id = this.callFor(callYear ?? firstYear!);
    if (firstYear !== undefined) next.first_year = firstYear;
    if (lastYear !== undefined) next.last_year = lastYear;
    const requested = parse('requestedOre', read.requestedOre);
    if (requested !== undefined && requested !== null) next.requested_ore = requested;
    const includesEvaluation = parse('includesEvaluation', read.includesEvaluation);
    if (includesEvaluation !== undefined) next.includes_evaluation = includesEvaluation ? 1 : 0;
    const evaluation = parse('evaluationOre', read.evaluationOre);
    if (evaluation !== undefined && evaluation !== null) {
      next.evaluation_ore = evaluation;
      next.includes_evaluation = 1;
    }
    const receivedOn = parse('receivedOn', read.receivedOn);
    if (receivedOn !== undefined) next.received_on = receivedOn;
    const granted = parse('grantedOre', read.grantedOre);
    const decidedOn = parse('decidedOn', read.decidedOn);

    const organisationGiven = given(fields, 'orgNumber') !== undefined || given(fields, 'organisation') !== undefined;
    const organisation = organisationGiven ? this.organisations.apply(fields, false) : undefined;
    if (organisation) next.organisation_id = organisation.id;

    let outcome: Outcome;
    let id: number;
    if (!found) {
      if (!organisation) throw new FieldProblem('organisation', 'newApplicationNeedsApplicant');
      if (next.call_id === undefined) throw new FieldProblem('firstYear', 'newApplicationNeedsYear');
      if (next.stage === undefined) throw new FieldProblem('stage', 'newApplicationNeedsStage');
      if (next.requested_ore === undefined) throw new FieldProblem('requestedOre', 'newApplicationNeedsRequested');
      const row = {
        title: '',
        summary: '',
        municipality_code: null,
        status: 'received',
        received_on: today,
        includes_evaluation: 0,
        evaluation_ore: null,
        ...next,
        last_year: next.last_year ?? next.first_year,
      } as Record<Column, string | number | null>;
      if ((row.last_year as number) < (row.first_year as number)) throw new FieldProblem('lastYear', 'lastYearBeforeFirst');
      id = Number(
        statement(this.db, 
            `INSERT INTO applications (case_number, call_id, organisation_id, title, summary, stage, municipality_code, first_year,
               last_year, requested_ore, includes_evaluation, evaluation_ore, status, received_on)
             VALUES (@case_number, @call_id, @organisation_id, @title, @summary, @stage, @municipality_code, @first_year,
               @last_year, @requested_ore, @includes_evaluation, @evaluation_ore, @status, @received_on)`,
          )
          .run({ ...row, case_number: caseNumber }).lastInsertRowid,
      );
      edit.record({ table: 'applications', rowId: id, field: null, oldValue: null, newValue: caseNumber });
      statement(this.db, 'INSERT INTO status_transitions (application_id, status, changed_on) VALUES (?, ?, ?)').run(id, row.status, row.received_on);
      replaceRequestedByYear(this.db, id, row.requested_ore as number, row.first_year as number, row.last_year as number);
      outcome = 'inserted';
    } else {
      id = found.id;
      const columns = (Object.keys(next) as Column[]).filter((column) => next[column] !== found[column]);
      const merged = { ...found, ...next } as ApplicationRow;
      if (merged.last_year < merged.first_year) throw new FieldProblem('lastYear', 'lastYearBeforeFirst');
      if (columns.length > 0) {
        statement(this.db, `UPDATE applications SET ${columns.map((c) => `${c} = ?`).join(', ')} WHERE id = ?`).run(...columns.map((c) => next[c]), id);
        for (const column of columns) edit.record({ table: 'applications', rowId: id, field: column, oldValue: found[column], newValue: next[column] ?? null });
        if (columns.includes('status')) {
          statement(this.db, 'INSERT INTO status_transitions (application_id, status, changed_on) VALUES (?, ?, ?)').run(id, merged.status, today);
        }
        if (columns.some((c) => c === 'requested_ore' || c === 'first_year' || c === 'last_year')) {
          replaceRequestedByYear(this.db, id, merged.requested_ore, merged.first_year, merged.last_year);
        }
      }
      outcome = columns.length > 0 || (organisation !== undefined && organisation.outcome !== 'unchanged') ? 'updated' : 'unchanged';
    }
    if (granted !== undefined && this.grant(id, granted ?? 0, decidedOn)) outcome = outcome === 'unchanged' ? 'updated' : outcome;
    return outcome;
  }

  /** A granted amount in an applications file is the application's one decision; returns whether anything changed. */
  private grant(applicationId: number, grantedOre: number, decidedOn: string | undefined): boolean {
    const decisions = this.decisionsOf.all(applicationId) as { id: number; granted_ore: number; decided_on: string }[];
    const { edit, today } = this.context;
    const years = statement(this.db, 'SELECT first_year, last_year FROM applications WHERE id = ?').get(applicationId) as {
      first_year: number;
      last_year: number;
    };
    if (decisions.length > 1) {
      const total = decisions.reduce((sum, d) => sum + d.granted_ore, 0);
      if (total === grantedOre) return false;
      throw new FieldProblem('grantedOre', 'severalDecisions', { count: decisions.length });
    }
    const decision = decisions[0];
    if (!decision) {
      if (grantedOre === 0) return false;
      const id = Number(
        statement(this.db, 'INSERT INTO decisions (application_id, decided_on, granted_ore) VALUES (?, ?, ?)').run(applicationId, decidedOn ?? today, grantedOre)
          .lastInsertRowid,
      );
      replaceGrantedByYear(this.db, id, grantedOre, years.first_year, years.last_year);
      edit.record({ table: 'decisions', rowId: id, field: null, oldValue: null, newValue: grantedOre });
      return true;
    }
    const nextDate = decidedOn ?? decision.decided_on;
    if (decision.granted_ore === grantedOre && nextDate === decision.decided_on) return false;
    statement(this.db, 'UPDATE decisions SET granted_ore = ?, decided_on = ? WHERE id = ?').run(grantedOre, nextDate, decision.id);
    replaceGrantedByYear(this.db, decision.id, grantedOre, years.first_year, years.last_year);
    if (decision.granted_ore !== grantedOre) {
      edit.record({ table: 'decisions', rowId: decision.id, field: 'granted_ore', oldValue: decision.granted_ore, newValue: grantedOre });
    }
    if (nextDate !== decision.decided_on) {
      edit.record({ table: 'decisions', rowId: decision.id, field: 'decided_on', oldValue: decision.decided_on, newValue: nextDate });
    }
    return true;
  }
}
