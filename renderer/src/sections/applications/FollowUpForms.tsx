import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApplicationDetail } from '../../../../main/contract/calls';
import { decisionOutcomes, paymentKinds, reportKinds } from '../../../../main/contract/calls';
import { textLimits } from '../../../../main/contract/field-rules';
import { localDay } from '../../../../main/contract/local-day';
import { call } from '../../api/client';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Field } from '../../components/Field';
import { formatSek, kronorToOre } from '../../format';
import { Table } from './DetailTable';
import { issuesAt, type FieldIssue } from './form-issues';

// The forms that record what follows a decision. Each sends one call, which the service saves as
// one edit in the change log; the pane then reloads, so the tables and the history show it.

interface Props {
  detail: ApplicationDetail;
  onChanged: () => void;
}

/**
 * Sends one entry: the reasons the contract or the service gives are shown beside their fields in
 * the user's language (by the service's code, else by the field), any other failure in a banner.
 */
function useEntry(onChanged: () => void) {
  const { t } = useTranslation();
  const [issues, setIssues] = useState<Map<string, FieldIssue>>(new Map());
  const [failure, setFailure] = useState<unknown>(null);
  const [done, setDone] = useState(false);
  const submit = (send: () => Promise<unknown>, then?: () => void) => async (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    setDone(false);
    try {
      await send();
      setIssues(new Map());
      setDone(true);
      then?.();
      onChanged();
    } catch (caught) {
      const found = issuesAt(caught, 'entry');
      if (found) setIssues(found);
      else setFailure(caught);
    }
  };
  const error = (field: string): string | undefined => {
    const issue = issues.get(field);
    if (!issue) return undefined;
    // The service names the limit in öre; the message says it in kronor.
    const limit = typeof issue.params?.limitOre === 'number' ? formatSek(issue.params.limitOre) : undefined;
    return t(`applications.followUp.invalid.${issue.code ?? field}`, { limit });
  };
  /** A date, or an amount in kronor, with its message beside it and read with it. */
  const input = (props: { id: string; field: string; label: string; value: string; onChange: (value: string) => void; date?: boolean; autoFocus?: boolean }) => (
    <Field id={props.id} label={props.label} error={error(props.field)}>
      <input
        id={props.id}
        // Text, not type="date": the browser would show its own locale's order (mm/dd/yyyy), not sv-SE.
        inputMode={props.date ? 'numeric' : 'decimal'}
        placeholder={props.date ? t('applications.followUp.datePlaceholder') : undefined}
        maxLength={props.date ? 10 : undefined}
        autoFocus={props.autoFocus}
        value={props.value}
        aria-invalid={error(props.field) ? true : undefined}
        aria-describedby={error(props.field) ? `${props.id}-error` : undefined}
        onChange={(event) => props.onChange(event.target.value)}
      />
    </Field>
  );
  const banner = failure !== null && <ErrorBanner error={failure} onDismiss={() => setFailure(null)} />;
  const saved = done && <span role="status">{t('applications.followUp.saved')}</span>;
  return { submit, error, input, banner, saved };
}

/** One entry form, named by its visible heading, with the failure banner its send may raise. */
function EntryForm(props: { id: string; title: string; banner: ReactNode; onSubmit: (event: FormEvent) => void; children: ReactNode }) {
  return (
    <form className="entry-form" aria-labelledby={props.id} onSubmit={props.onSubmit}>
      <h4 id={props.id}>{props.title}</h4>
      {props.banner}
      {props.children}
    </form>
  );
}

/** A choice of kind (of report, of payment), each named by its translation under `labels`. */
function KindField<K extends string>(props: { id: string; label: string; value: K; kinds: readonly K[]; labels: string; onChange: (kind: K) => void }) {
  const { t } = useTranslation();
  return (
    <Field id={props.id} label={props.label}>
      <select id={props.id} value={props.value} onChange={(event) => props.onChange(event.target.value as K)}>
        {props.kinds.map((kind) => (
          <option key={kind} value={kind}>
            {t([props.labels, kind].join('.'))}
          </option>
        ))}
      </select>
    </Field>
  );
}

/** The reports due, each one not yet in with a way to mark it received, and a form to add one that is due. */
export function ReportsFollowUp({ detail, onChanged }: Props) {
  const { t } = useTranslation();
  const d = (key: string) => t(`applications.detail.${key}`);
  const f = (key: string) => t(`applications.followUp.${key}`);
  const [receiving, setReceiving] = useState<number | null>(null);
  const [receivedOn, setReceivedOn] = useState(localDay);
  const [kind, setKind] = useState<(typeof reportKinds)[number]>('progress');
  const [dueOn, setDueOn] = useState('');
  const receipt = useEntry(onChanged);
  const adding = useEntry(onChanged);
  const shown = detail.reports.find((report) => report.id === receiving);

  return (
    <>
      <Table
        caption={d('reports')}
        head={[d('kind'), d('due'), d('received'), d('timeliness'), '']}
        rows={detail.reports.map((r) => [
          t(`applications.report.${r.kind}`),
          r.dueOn,
          r.receivedOn ?? d('missing'),
          <span className={`timeliness ${r.timeliness}`}>{d(`timelinessOf.${r.timeliness}`)}</span>,
          r.receivedOn === null ? (
            <button
              type="button"
              aria-label={t('applications.followUp.markReceivedOf', { report: t(`applications.report.${r.kind}`).toLocaleLowerCase(), due: r.dueOn })}
              onClick={() => {
                setReceiving(r.id);
                setReceivedOn(localDay());
              }}
            >
              {f('markReceived')}
            </button>
          ) : (
            ''
          ),
        ])}
      />
      {shown && (
        <EntryForm
          id="receive-title"
          title={t('applications.followUp.receiveForm', { report: t(`applications.report.${shown.kind}`).toLocaleLowerCase(), due: shown.dueOn })}
          banner={receipt.banner}
          onSubmit={receipt.submit(
            () => call('reports.receive', { reportId: shown.id, entry: { receivedOn } }),
            () => setReceiving(null),
          )}
        >
          {receipt.input({ id: 'receive-on', field: 'receivedOn', label: f('receivedOn'), value: receivedOn, onChange: setReceivedOn, date: true, autoFocus: true })}
          <div className="actions">
            <button type="submit" className="primary">
              {f('save')}
            </button>
            <button type="button" onClick={() => setReceiving(null)}>
              {f('cancel')}
            </button>
          </div>
        </EntryForm>
      )}
      {receipt.saved}
      <EntryForm
        id="report-title"
        title={f('reportForm')}
        banner={adding.banner}
        onSubmit={adding.submit(() => call('reports.add', { applicationId: detail.id, entry: { kind, dueOn } }))}
      >
        <div className="field-row">
          <KindField id="report-kind" label={d('kind')} value={kind} kinds={reportKinds} labels="applications.report" onChange={setKind} />
          {adding.input({ id: 'report-due', field: 'dueOn', label: f('dueOn'), value: dueOn, onChange: setDueOn, date: true })}
        </div>
        <div className="actions">
          <button type="submit">{f('addReport')}</button>
          {adding.saved}
        </div>
      </EntryForm>
    </>
  );
}

/** A payment or repayment under one of the application's decisions, the latest one chosen first. */
export function PaymentForm({ detail, onChanged }: Props) {
  const { t } = useTranslation();
  const f = (key: string) => t(`applications.followUp.${key}`);
  const latest = detail.decisions.at(-1);
  const [decisionId, setDecisionId] = useState<number | null>(null);
  const [kind, setKind] = useState<(typeof paymentKinds)[number]>('payment');
  const [paidOn, setPaidOn] = useState(localDay);
  const [amountKr, setAmountKr] = useState('');
  const entry = useEntry(onChanged);
  if (!latest) return <p className="hint">{f('decisionFirst')}</p>;
  const chosen = decisionId ?? latest.id;

  return (
    <EntryForm
      id="payment-title"
      title={f('paymentForm')}
      banner={entry.banner}
      onSubmit={entry.submit(
        () => call('payments.add', { applicationId: detail.id, entry: { decisionId: chosen, kind, paidOn, amountOre: kronorToOre(amountKr) } }),
        () => setAmountKr(''),
      )}
    >
      <div className="field-row">
        <Field id="payment-decision" label={t('applications.detail.decisions')} error={entry.error('decisionId')}>
          <select id="payment-decision" value={chosen} onChange={(event) => setDecisionId(Number(event.target.value))}>
            {detail.decisions.map((decision) => (
              <option key={decision.id} value={decision.id}>
                {decision.decidedOn} · {formatSek(decision.grantedOre)}
              </option>
            ))}
          </select>
        </Field>
        <KindField id="payment-kind" label={t('applications.detail.kind')} value={kind} kinds={paymentKinds} labels="applications.payment" onChange={setKind} />
      </div>
      <div className="field-row">
        {entry.input({ id: 'payment-on', field: 'paidOn', label: t('applications.detail.date'), value: paidOn, onChange: setPaidOn, date: true })}
        {entry.input({ id: 'payment-amount', field: 'amountOre', label: f('amountKr'), value: amountKr, onChange: setAmountKr })}
      </div>
      <div className="actions">
        <button type="submit">{f('addPayment')}</button>
        {entry.saved}
      </div>
    </EntryForm>
  );
}

/** A decision with an amount for each of the application's years; a year left empty is granted nothing. */
export function DecisionForm({ detail, onChanged }: Props) {
  const { t } = useTranslation();
  const f = (key: string) => t(`applications.followUp.${key}`);
  const years = Array.from({ length: detail.lastYear - detail.firstYear + 1 }, (_, i) => detail.firstYear + i);
  const [decidedOn, setDecidedOn] = useState(localDay);
  const [amounts, setAmounts] = useState<Record<number, string>>({});
  const [conditions, setConditions] = useState('');
  const [outcome, setOutcome] = useState<(typeof decisionOutcomes)[number]>('grant');
  const entry = useEntry(onChanged);
  const byYear = years.map((year) => {
    const typed = outcome === 'reject' ? '' : (amounts[year]?.trim() ?? '');
    return { year, grantedOre: typed === '' ? 0 : kronorToOre(typed) };
  });

  return (
    <EntryForm
      id="decision-title"
      title={f('decisionForm')}
      banner={entry.banner}
      onSubmit={entry.submit(
        () => call('decisions.add', { applicationId: detail.id, entry: { decidedOn, outcome, byYear, conditions: conditions.trim() === '' ? null : conditions } }),
        () => {
          setAmounts({});
          setConditions('');
        },
      )}
    >
      {entry.input({ id: 'decision-on', field: 'decidedOn', label: t('applications.detail.decidedOn'), value: decidedOn, onChange: setDecidedOn, date: true })}
      <KindField id="decision-outcome" label={f('outcome')} value={outcome} kinds={decisionOutcomes} labels="applications.followUp.outcomes" onChange={setOutcome} />
      <fieldset className="field-row" disabled={outcome === 'reject'} aria-describedby={entry.error('byYear') ? 'decision-years-error' : undefined}>
        <legend>{f('grantedByYear')}</legend>
        {years.map((year) => (
          <Field key={year} id={`decision-year-${year}`} label={t('applications.followUp.grantedIn', { year })}>
            <input
              id={`decision-year-${year}`}
              inputMode="decimal"
              value={amounts[year] ?? ''}
              aria-invalid={entry.error('byYear') ? true : undefined}
              onChange={(event) => setAmounts((current) => ({ ...current, [year]: event.target.value }))}
            />
          </Field>
        ))}
      </fieldset>
      {entry.error('byYear') && (
        <span className="field-error" id="decision-years-error" role="alert">
          {entry.error('byYear')}
        </span>
      )}
      <Field id="decision-conditions" label={t('applications.detail.conditions')} error={entry.error('conditions')}>
        <textarea
          id="decision-conditions"
          rows={2}
          maxLength={textLimits.conditions}
          value={conditions}
          aria-invalid={entry.error('conditions') ? true : undefined}
          aria-describedby={entry.error('conditions') ? 'decision-conditions-error' : undefined}
          onChange={(event) => setConditions(event.target.value)}
        />
      </Field>
      <div className="actions">
        <button type="submit">{f('addDecision')}</button>
        {entry.saved}
      </div>
    </EntryForm>
  );
}
