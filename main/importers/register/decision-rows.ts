import type { Database, Statement } from 'better-sqlite3';
import { statement } from '../../store/statement-cache';
import { FieldProblem } from './parse-fields';
import { replaceGrantedByYear } from '../../domain/money-by-year';
import { given, type Outcome, type RowContext, type RowFields } from './row-outcome';

/** One decision, matched on the application's case number and the decision's date. */
export class DecisionRows {
  private readonly application: Statement;
  private readonly decision: Statement;

  constructor(
    private readonly db: Database,
    private readonly context: RowContext,
  ) {
    this.application = statement(db, 'SELECT id, first_year, last_year FROM applications WHERE case_number = ?');
    this.decision = statement(db, 'SELECT id, granted_ore, conditions FROM decisions WHERE application_id = ? AND decided_on = ? ORDER BY id LIMIT 1');
  }

  apply(fields: RowFields): Outcome {
    const { read, edit } = this.context;
    const caseNumber = given(fields, 'caseNumber');
    if (caseNumber === undefined) throw new FieldProblem('caseNumber', 'caseNumberMissing');
    const application = this.application.get(caseNumber) as { id: number; first_year: number; last_year: number } | undefined;
    if (!application) throw new FieldProblem('caseNumber', 'applicationUnknown', { caseNumber });
    const dateText = given(fields, 'decidedOn');
    if (dateText === undefined) throw new FieldProblem('decidedOn', 'decisionDateMissing');
    const decidedOn = read.decidedOn(dateText);
    const grantedText = given(fields, 'grantedOre');
    const granted = grantedText === undefined ? null : read.grantedOre(grantedText);
    if (granted === null) throw new FieldProblem('grantedOre', 'grantedAmountMissing');
    const conditions = given(fields, 'conditions') ?? null;

    const found = this.decision.get(application.id, decidedOn) as { id: number; granted_ore: number; conditions: string | null } | undefined;
    if (!found) {
      const id = Number(
        statement(this.db, 'INSERT INTO decisions (application_id, decided_on, granted_ore, conditions) VALUES (?, ?, ?, ?)')
          .run(application.id, decidedOn, granted, conditions).lastInsertRowid,
      );
      replaceGrantedByYear(this.db, id, granted, application.first_year, application.last_year);
      edit.record({ table: 'decisions', rowId: id, field: null, oldValue: null, newValue: granted });
      return 'inserted';
    }
    const nextConditions = fields.conditions === undefined ? found.conditions : conditions;
    if (found.granted_ore === granted && found.conditions === nextConditions) return 'unchanged';
    statement(this.db, 'UPDATE decisions SET granted_ore = ?, conditions = ? WHERE id = ?').run(granted, nextConditions, found.id);
    replaceGrantedByYear(this.db, found.id, granted, application.first_year, application.last_year);
    if (found.granted_ore !== granted) edit.record({ table: 'decisions', rowId: found.id, field: 'granted_ore', oldValue: found.granted_ore, newValue: granted });
    if (found.conditions !== nextConditions) {
      edit.record({ table: 'decisions', rowId: found.id, field: 'conditions', oldValue: found.conditions, newValue: nextConditions });
    }
    return 'updated';
  }
}
