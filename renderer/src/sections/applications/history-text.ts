import type { TFunction } from 'i18next';
import type { ApplicationDetail, LastEdit, RowSubject } from '../../../../main/contract/calls';
import { formatSek } from '../../format';

// The change log stores column names and raw values (öre, kind ids); people read field labels in
// their language, kronor, and rows named by what they recognise.

type Entry = ApplicationDetail['history'][number];

/** Columns that only link a new row to its parent: the row's subject already says which. */
const linkColumns: ReadonlySet<string> = new Set(['application_id', 'decision_id']);

export function isLinkField(field: string | null): boolean {
  return field !== null && linkColumns.has(field);
}

const camel = (column: string) => column.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());

/**
 * A logged column by the label the grid and the forms give it (`requested_ore` is "Sökt belopp"),
 * else by the follow-up forms' own; `granted_ore.2024` is a decision's amount for one year.
 */
export function fieldLabel(t: TFunction, field: string): string {
  const perYear = /^granted_ore\.(\d{4})$/.exec(field);
  if (perYear) return t('history.field.grantedIn', { year: perYear[1] });
  const column = `applications.col.${camel(field)}`;
  return t([column, `history.field.${field}`], { defaultValue: field });
}

export function valueText(t: TFunction, table: string, field: string | null, value: Entry['oldValue']): string {
  if (value === null) return '';
  if (field === null) return t(`applications.status.${value}`, { defaultValue: String(value) });
  if (field.endsWith('_ore') || field.startsWith('granted_ore.')) return typeof value === 'number' ? formatSek(value) : String(value);
  if (field === 'status') return t(`applications.status.${value}`);
  if (field === 'stage') return t(`applications.stage.${value}`);
  if (field === 'includes_evaluation') return t(value === 1 ? 'applications.yes' : 'applications.no');
  if (field === 'kind') return t(table === 'payments' ? `applications.payment.${value}` : `applications.report.${value}`);
  return String(value);
}

/** "Beslut 2026-12-01 · 250 000 kr", "Betalning 2026-12-01 · 20 000 kr", "Slutrapport, ska in 2027-03-31". */
export function subjectText(t: TFunction, subject: RowSubject): string {
  if (!subject) return '';
  switch (subject.kind) {
    case 'application':
      return t('history.subject.application', { caseNumber: subject.caseNumber });
    case 'decision':
      return t('history.subject.decision', { date: subject.decidedOn, amount: formatSek(subject.grantedOre) });
    case 'payment':
      return t('history.subject.payment', { kind: t(`applications.payment.${subject.paymentKind}`), date: subject.paidOn, amount: formatSek(subject.amountOre) });
    case 'report':
      return t('history.subject.report', { kind: t(`applications.report.${subject.reportKind}`), date: subject.dueOn });
  }
}

/** What one log row changed, in words: the row it belongs to (unless it is the application itself) and the field. */
export function changeText(t: TFunction, entry: Pick<Entry, 'table' | 'field' | 'subject' | 'action'>): string {
  const what = entry.field === null ? t('history.field.statusDated') : fieldLabel(t, entry.field);
  const row = entry.table === 'applications' || entry.subject === null ? '' : `${subjectText(t, entry.subject)}: `;
  return `${row}${what}`;
}

/**
 * What undo would take back: an added row is named as such (undoing it deletes the row, not a
 * field's value), a change by its fields.
 */
export function undoOfferText(t: TFunction, edit: NonNullable<LastEdit>): string {
  if (edit.action === 'insert') return t('history.added', { what: subjectText(t, edit.subject) || t(`applications.lastInsert.${edit.table}`) });
  const fields = edit.fields.filter((field) => !isLinkField(field)).map((field) => fieldLabel(t, field));
  const row = edit.table === 'applications' || edit.subject === null ? '' : `${subjectText(t, edit.subject)}: `;
  return `${row}${fields.join(', ')}`;
}
