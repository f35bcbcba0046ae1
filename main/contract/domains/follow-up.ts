import { z } from 'zod';
import { call } from '../call-spec';
import { amountOre, calendarDay, plainText } from '../field-rules';
import { editLog } from '../tables';
import { rowId } from './paging';
import { applicationDetail } from './register';
import { paymentKinds, reportKinds } from './store';

// What happens to an application after its decision, recorded from the detail pane: reports due
// and received, payments and repayments, further decisions. Each call is one audited edit that the
// register's undo can take back, and answers with the refreshed detail. The form's fields sit under
// `entry`, so a validation issue's path (`entry.amountOre`) names the field to show it beside.

const day = calendarDay;
/** Money moves in whole öre and never as nothing. */
const movedOre = amountOre.min(1, 'more than 0 kr');

export const reportEntry = z.strictObject({ kind: z.enum(reportKinds), dueOn: day });
export const receiptEntry = z.strictObject({ receivedOn: day });
export const paymentEntry = z.strictObject({ decisionId: rowId, kind: z.enum(paymentKinds), paidOn: day, amountOre: movedOre });
export const decisionOutcomes = ['grant', 'reject'] as const;

export const decisionEntry = z.strictObject({
  decidedOn: day,
  /** A refusal grants nothing and rejects the application; a grant sets it granted or partly granted. */
  outcome: z.enum(decisionOutcomes).default('grant'),
  byYear: z
    .array(z.strictObject({ year: z.number().int().min(2000).max(2100), grantedOre: amountOre }))
    .min(1, 'at least one year')
    .max(101, 'one entry per year from 2000 to 2100'),
  conditions: plainText('conditions').nullable(),
});

export const followUpCalls = {
  'reports.add': call(z.strictObject({ applicationId: rowId, entry: reportEntry }), applicationDetail, { writes: ['reports', ...editLog] }),
  'reports.receive': call(z.strictObject({ reportId: rowId, entry: receiptEntry }), applicationDetail, { writes: ['reports', ...editLog] }),
  'payments.add': call(z.strictObject({ applicationId: rowId, entry: paymentEntry }), applicationDetail, { writes: ['payments', ...editLog] }),
  // The schema's triggers add a decision's amount to its application's.
  'decisions.add': call(z.strictObject({ applicationId: rowId, entry: decisionEntry }), applicationDetail, {
    writes: ['decisions', 'decision_years', 'applications', 'status_transitions', ...editLog],
  }),
};

export type ReportEntry = z.output<typeof reportEntry>;
export type ReceiptEntry = z.output<typeof receiptEntry>;
export type PaymentEntry = z.output<typeof paymentEntry>;
/** As a caller writes it: a decision without an outcome is a grant. */
export type DecisionEntry = z.input<typeof decisionEntry>;
