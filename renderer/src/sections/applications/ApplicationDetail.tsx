import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApplicationChanges, ApplicationDetail as Detail } from '../../../../main/contract/calls';
import { stages, statuses } from '../../../../main/contract/calls';
import { textLimits } from '../../../../main/contract/field-rules';
import { registerTables } from '../../../../main/contract/tables';
import { call } from '../../api/client';
import { useCall } from '../../api/use-call';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Field } from '../../components/Field';
import { useReasonText, type CodedReason } from '../../components/reject-reason';
import { formatSek } from '../../format';
import { Table } from './DetailTable';
import { DecisionForm, PaymentForm, ReportsFollowUp } from './FollowUpForms';
import { changesOf, formValues, invalidFields, type FormValues } from './edit-form';
import { changeText, isLinkField, valueText } from './history-text';

// The form's text fields and the change each one's server-side message is filed under (amounts are
// typed in kronor and sent in öre).
const errorFieldOf = {
  title: 'title',
  municipalityCode: 'municipalityCode',
  targetAreas: 'targetAreas',
  firstYear: 'firstYear',
  lastYear: 'lastYear',
  requestedKr: 'requestedOre',
  evaluationKr: 'evaluationOre',
} as const satisfies Partial<Record<keyof FormValues, keyof ApplicationChanges>>;
type TextField = keyof typeof errorFieldOf;

interface Props {
  id: number;
  onClose: () => void;
  onChanged: () => void;
}

/** One application: an edit form with messages beside its fields, then what followed it and its change log. */
export function ApplicationDetail({ id, onClose, onChanged }: Props) {
  const { t } = useTranslation();
  const reasonText = useReasonText();
  const { data, error } = useCall('applications.get', { id }, registerTables);
  const [values, setValues] = useState<FormValues | null>(null);
  const [invalid, setInvalid] = useState<Map<keyof ApplicationChanges, CodedReason | null>>(new Map());
  const [failure, setFailure] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  // The detail reloads after every write to the register, here or in another window. The form
  // shows the new values unless the user has typed changes of their own and not saved them.
  const basis = useRef<{ id: number; values: FormValues } | null>(null);
  const typed = useRef(values);
  typed.current = values;

  useEffect(() => {
    if (!data) return;
    const was = basis.current;
    const current = typed.current;
    basis.current = { id: data.id, values: formValues(data) };
    if (current === null || was === null || was.id !== data.id || JSON.stringify(current) === JSON.stringify(was.values)) {
      setValues(basis.current.values);
      setInvalid(new Map());
    }
  }, [data]);

  if (error) return <ErrorBanner error={error} />;
  if (!data || !values) return <aside className="detail" aria-busy="true" />;

  const set = <K extends keyof FormValues>(key: K, value: FormValues[K]) => {
    setSaved(false);
    setValues((current) => (current ? { ...current, [key]: value } : current));
  };
  const save = async () => {
    setFailure(null);
    try {
      await call('applications.update', { id, changes: changesOf(data, values) });
      // What was saved is shown as the store now has it.
      basis.current = null;
      setInvalid(new Map());
      setSaved(true);
      onChanged();
    } catch (caught) {
      const fields = invalidFields(caught);
      if (fields) setInvalid(fields);
      else setFailure(caught);
    }
  };
  const errors: Partial<Record<keyof ApplicationChanges, string>> = Object.fromEntries(
    [...invalid].map(([field, reason]) => {
      const own = t(`applications.invalid.${field}`);
      return [field, reason ? reasonText(reason, own) : own];
    }),
  );
  const input = (key: TextField, props: { type?: 'number'; inputMode?: 'decimal'; maxLength?: number } = {}) => (
    <input
      id={`edit-${key}`}
      {...props}
      value={values[key]}
      aria-invalid={errors[errorFieldOf[key]] ? true : undefined}
      aria-describedby={errors[errorFieldOf[key]] ? `edit-${key}-error` : undefined}
      onChange={(event) => set(key, event.target.value)}
    />
  );

  return (
    <aside className="detail" aria-labelledby="detail-title">
      <header className="detail-header">
        <h2 id="detail-title">
          {data.caseNumber} – {data.organisation.name}
        </h2>
        <button type="button" onClick={onClose}>
          {t('applications.detail.close')}
        </button>
      </header>
      {failure !== null && <ErrorBanner error={failure} onDismiss={() => setFailure(null)} />}
      <form
        aria-label={t('applications.detail.edit')}
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <Field id="edit-title" label={t('applications.col.title')} error={errors.title}>
          {input('title', { maxLength: textLimits.title })}
        </Field>
        <Field id="edit-summary" label={t('applications.detail.summary')} error={errors.summary}>
          <textarea id="edit-summary" rows={3} maxLength={textLimits.summary} value={values.summary} onChange={(event) => set('summary', event.target.value)} />
        </Field>
        <div className="field-row">
          <Field id="edit-stage" label={t('applications.col.stage')}>
            <select id="edit-stage" value={values.stage} onChange={(event) => set('stage', event.target.value as FormValues['stage'])}>
              {stages.map((stage) => (
                <option key={stage} value={stage}>
                  {t(`applications.stage.${stage}`)}
                </option>
              ))}
            </select>
          </Field>
          <Field id="edit-status" label={t('applications.col.status')}>
            <select id="edit-status" value={values.status} onChange={(event) => set('status', event.target.value as FormValues['status'])}>
              {statuses.map((status) => (
                <option key={status} value={status}>
                  {t(`applications.status.${status}`)}
                </option>
              ))}
            </select>
          </Field>
        </div>
        <div className="field-row">
          <Field id="edit-municipalityCode" label={t('applications.detail.municipalityCode')} error={errors.municipalityCode}>
            {input('municipalityCode')}
          </Field>
          <Field id="edit-targetAreas" label={t('applications.detail.targetAreas')} error={errors.targetAreas}>
            {input('targetAreas', { maxLength: textLimits.targetAreas })}
          </Field>
        </div>
        <div className="field-row">
          <Field id="edit-firstYear" label={t('applications.col.firstYear')} error={errors.firstYear}>
            {input('firstYear', { type: 'number' })}
          </Field>
          <Field id="edit-lastYear" label={t('applications.col.lastYear')} error={errors.lastYear}>
            {input('lastYear', { type: 'number' })}
          </Field>
        </div>
        <div className="field-row">
          <Field id="edit-requestedKr" label={t('applications.detail.requestedKr')} error={errors.requestedOre}>
            {input('requestedKr', { inputMode: 'decimal' })}
          </Field>
          <Field id="edit-evaluationKr" label={t('applications.detail.evaluationOre')} error={errors.evaluationOre}>
            {input('evaluationKr', { inputMode: 'decimal' })}
          </Field>
        </div>
        <label className="check">
          <input type="checkbox" checked={values.includesEvaluation} onChange={(event) => set('includesEvaluation', event.target.checked)} />
          {t('applications.detail.includesEvaluation')}
        </label>
        <div className="actions">
          <button type="submit" className="primary">
            {t('applications.detail.save')}
          </button>
          {saved && <span role="status">{t('applications.detail.saved')}</span>}
        </div>
      </form>
      {/* Keyed by application, so a half-filled form never carries over to the next one opened. */}
      <FollowUp key={data.id} detail={data} onChanged={onChanged} />
    </aside>
  );
}

/** What followed the application, with the forms that record more of it, and its change log. */
function FollowUp({ detail, onChanged }: { detail: Detail; onChanged: () => void }) {
  const { t } = useTranslation();
  const d = (key: string) => t(`applications.detail.${key}`);
  return (
    <div className="follow-up">
      <p>
        {d('call')}: {detail.call.title} · {d('applicant')}: {detail.organisation.name} ({detail.organisation.orgNumber ?? '–'})
      </p>
      <Table caption={d('partners')} head={[t('applications.col.name'), d('kind')]} rows={detail.partners.map((p) => [p.name, t(`applications.role.${p.role}`)])} />
      <Table caption={d('byYear')} head={[d('year'), d('amount')]} rows={detail.requestedByYear.map((y) => [y.year, formatSek(y.requestedOre)])} />
      <Table caption={d('statusHistory')} head={[d('date'), t('applications.col.status')]} rows={detail.statusHistory.map((s) => [s.changedOn, t(`applications.status.${s.status}`)])} />
      <Table
        caption={d('decisions')}
        head={[d('decidedOn'), d('amount'), t('applications.followUp.grantedByYear'), d('conditions')]}
        rows={detail.decisions.map((x) => [x.decidedOn, formatSek(x.grantedOre), x.byYear.map((y) => `${y.year}: ${formatSek(y.grantedOre)}`).join(', '), x.conditions ?? ''])}
      />
      <DecisionForm detail={detail} onChanged={onChanged} />
      <Table
        caption={d('payments')}
        head={[d('date'), d('kind'), d('amount')]}
        rows={detail.payments.map((p) => [p.paidOn, t(`applications.payment.${p.kind}`), formatSek(p.amountOre)])}
      />
      <PaymentForm detail={detail} onChanged={onChanged} />
      <ReportsFollowUp detail={detail} onChanged={onChanged} />
      <Table
        caption={d('history')}
        head={[d('when'), d('who'), d('field'), d('from'), d('to')]}
        rows={detail.history
          .filter((h) => !isLinkField(h.field))
          .map((h) => [
            h.madeAt.replace('T', ' ').slice(0, 16),
            h.madeBy,
            `${changeText(t, h)}${h.undone ? ` ${d('undoneMark')}` : ''}`,
            valueText(t, h.table, h.field, h.oldValue),
            valueText(t, h.table, h.field, h.newValue),
          ])}
      />
    </div>
  );
}
