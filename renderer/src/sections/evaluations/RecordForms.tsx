import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { evidenceTypes, findingStrengths, planKinds, planMethods, type ArgsIn, type GrantPage } from '../../../../main/contract/calls';
import { call } from '../../api/client';

interface Props {
  page: GrantPage;
  today: string;
  onSaved: () => void;
  onError: (error: unknown) => void;
}

function RecordForm({ label, onSubmit, children, submit }: { label: string; onSubmit: () => Promise<void>; children: ReactNode; submit: string }) {
  const handle = (event: FormEvent) => {
    event.preventDefault();
    void onSubmit();
  };
  return (
    <form className="track-form" aria-label={label} onSubmit={handle}>
      <h4>{label}</h4>
      {children}
      <button type="submit">{submit}</button>
    </form>
  );
}

/** A select of one of a contract's values, each worded by its key under `words`. */
function Choice<T extends string>({ label, values, value, words, onChange }: { label: string; values: readonly T[]; value: T; words: string; onChange: (value: T) => void }) {
  const { t } = useTranslation();
  return (
    <label>
      {label}
      <select value={value} onChange={(event) => onChange(event.target.value as T)}>
        {values.map((option) => (
          <option key={option} value={option}>
            {t(`${words}.${option as string}`)}
          </option>
        ))}
      </select>
    </label>
  );
}

/** A saver that reloads the page after the save, and shows what the services refused. */
function useSave({ onSaved, onError }: Pick<Props, 'onSaved' | 'onError'>) {
  return async (args: ArgsIn<'evaluation.save'>, after: () => void = () => {}) => {
    try {
      await call('evaluation.save', args);
      after();
      onSaved();
    } catch (caught) {
      onError(caught);
    }
  };
}

/** The grant's evaluation plan, made where there is none: kind, evaluator, method, dates and questions (one a line). */
export function PlanForm({ page, onSaved, onError }: Props) {
  const { t } = useTranslation();
  const save = useSave({ onSaved, onError });
  const [kind, setKind] = useState<(typeof planKinds)[number]>('follow_research');
  const [method, setMethod] = useState<(typeof planMethods)[number]>('did');
  const [evaluator, setEvaluator] = useState('');
  const [startsOn, setStartsOn] = useState(`${page.grant.firstYear}-01-01`);
  const [endsOn, setEndsOn] = useState(`${page.grant.lastYear}-12-31`);
  const [questions, setQuestions] = useState('');
  const submit = () =>
    save({
      record: 'plan',
      applicationId: page.grant.applicationId,
      kind,
      method,
      evaluator,
      startsOn,
      endsOn,
      questions: questions.split('\n').map((line) => line.trim()).filter((line) => line !== ''),
    });
  return (
    <RecordForm label={t('evaluations.forms.newPlan')} onSubmit={submit} submit={t('evaluations.forms.savePlan')}>
      <Choice label={t('evaluations.grant.kind')} values={planKinds} value={kind} words="evaluations.grant.kinds" onChange={setKind} />
      <Choice label={t('evaluations.grant.method')} values={planMethods} value={method} words="evaluations.grant.methods" onChange={setMethod} />
      <label>
        {t('evaluations.grant.evaluator')}
        <input value={evaluator} maxLength={200} onChange={(event) => setEvaluator(event.target.value)} />
      </label>
      <label>
        {t('evaluations.forms.startsOn')}
        <input type="date" required value={startsOn} onChange={(event) => setStartsOn(event.target.value)} />
      </label>
      <label>
        {t('evaluations.forms.endsOn')}
        <input type="date" required value={endsOn} onChange={(event) => setEndsOn(event.target.value)} />
      </label>
      <label className="wide">
        {t('evaluations.forms.questions')}
        <textarea rows={3} value={questions} onChange={(event) => setQuestions(event.target.value)} />
      </label>
    </RecordForm>
  );
}

/** A finding of the evaluation: what was found, on what evidence, how strong, when and where it is reported. */
export function FindingForm({ page, today, onSaved, onError }: Props) {
  const { t } = useTranslation();
  const save = useSave({ onSaved, onError });
  const [statement, setStatement] = useState('');
  const [evidenceType, setEvidenceType] = useState<(typeof evidenceTypes)[number]>('interviews');
  const [strength, setStrength] = useState<(typeof findingStrengths)[number]>('moderate');
  const [foundOn, setFoundOn] = useState(today);
  const [source, setSource] = useState('');
  if (!page.plan) return null;
  const planId = page.plan.id;
  const submit = () => save({ record: 'finding', planId, statement, evidenceType, strength, foundOn, source }, () => (setStatement(''), setSource('')));
  return (
    <RecordForm label={t('evaluations.forms.newFinding')} onSubmit={submit} submit={t('evaluations.forms.saveFinding')}>
      <label className="wide">
        {t('evaluations.forms.statement')}
        <textarea rows={2} required maxLength={4000} value={statement} onChange={(event) => setStatement(event.target.value)} />
      </label>
      <Choice label={t('evaluations.grant.evidence')} values={evidenceTypes} value={evidenceType} words="evaluations.grant.evidenceTypes" onChange={setEvidenceType} />
      <Choice label={t('evaluations.grant.strength')} values={findingStrengths} value={strength} words="evaluations.grant.strengths" onChange={setStrength} />
      <label>
        {t('evaluations.grant.foundOn')}
        <input type="date" required value={foundOn} onChange={(event) => setFoundOn(event.target.value)} />
      </label>
      <label>
        {t('evaluations.grant.source')}
        <input value={source} maxLength={1000} onChange={(event) => setSource(event.target.value)} />
      </label>
    </RecordForm>
  );
}
