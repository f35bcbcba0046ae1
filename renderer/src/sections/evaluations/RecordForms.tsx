import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { evidenceTypes, findingStrengths, milestoneKinds, planKinds, planMethods, riskLevels, type ArgsIn, type EvaluationRecord, type GrantPage } from '../../../../main/contract/calls';
import { call } from '../../api/client';
import { useCall } from '../../api/use-call';
import { MultiPicker } from '../../components/MultiPicker';
import { useReasonText } from '../../components/reject-reason';
import { figureFromInput, formatNumber } from '../../format';
import { requiredTextProblem, type TextField } from '../../../../main/contract/field-rules';
import { evaluationShows } from './shows';

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

/**
 * A recorded text with "Ändra" beside it, which turns it into a form in its place: Save or Cancel,
 * Escape cancels. The field's rule (field-rules.ts) is checked before anything is sent, and worded
 * beside the field; after Save or Cancel focus goes back to "Ändra", so the keyboard stays where it was.
 */
export function EditableText({
  field,
  text,
  label,
  multiline = false,
  onSave,
  onError,
  children,
}: {
  field: TextField;
  text: string;
  /** Names the row for a screen reader: "Ändra ”Intervjustudie”". */
  label: string;
  multiline?: boolean;
  onSave: (text: string) => Promise<unknown>;
  onError: (error: unknown) => void;
  /** The text as the row shows it when not being changed; the text itself when left out. */
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const reasonText = useReasonText();
  const [draft, setDraft] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const baseId = useId();
  const button = useRef<HTMLButtonElement>(null);
  const wasEditing = useRef(false);
  const editing = draft !== null;
  useEffect(() => {
    if (!editing && wasEditing.current) button.current?.focus();
    wasEditing.current = editing;
  }, [editing]);
  const close = () => (setDraft(null), setProblem(null));
  if (!editing) {
    return (
      <>
        {children ?? text}{' '}
        <button type="button" ref={button} onClick={() => setDraft(text)} aria-label={label}>
          {t('evaluations.forms.edit')}
        </button>
      </>
    );
  }
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const broken = requiredTextProblem(field, draft);
    if (broken) {
      setProblem(broken.code === 'empty' ? t('evaluations.forms.textRequired') : reasonText({ code: broken.code, params: 'max' in broken ? { max: broken.max } : {} }, t('evaluations.forms.textRequired')));
      return;
    }
    try {
      await onSave(draft.trim());
      close();
    } catch (caught) {
      onError(caught);
    }
  };
  const id = `edit-${baseId}`;
  const input = {
    id,
    autoFocus: true,
    value: draft,
    'aria-invalid': problem ? true : undefined,
    'aria-describedby': problem ? `${id}-error` : undefined,
    onChange: (event: { target: { value: string } }) => (setDraft(event.target.value), setProblem(null)),
  };
  return (
    <form className="edit-text" aria-label={label} onSubmit={(event) => void submit(event)} onKeyDown={(event) => event.key === 'Escape' && close()}>
      <label htmlFor={id}>{t('evaluations.forms.newText')}</label>{' '}
      {/* No maxLength: a longer text is said to be too long rather than cut off unseen. */}
      {multiline ? <textarea rows={3} {...input} /> : <input size={Math.min(40, Math.max(20, text.length))} {...input} />}{' '}
      <button type="submit">{t('evaluations.forms.saveText')}</button>{' '}
      <button type="button" onClick={close}>
        {t('evaluations.forms.cancel')}
      </button>
      {problem && (
        <span className="field-error" id={`${id}-error`} role="alert">
          {problem}
        </span>
      )}
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

/**
 * The grant's evaluation plan: made where there is none, or the one it has changed (kind, evaluator,
 * method, dates and questions, one a line; an unchanged question keeps the findings linked to it).
 */
export function PlanForm({ page, onSaved, onError, onDone = () => {} }: Props & { onDone?: () => void }) {
  const { t } = useTranslation();
  const save = useSave({ onSaved, onError });
  const plan = page.plan;
  const [kind, setKind] = useState<(typeof planKinds)[number]>(plan?.kind ?? 'follow_research');
  const [method, setMethod] = useState<(typeof planMethods)[number]>(plan?.method ?? 'did');
  const [evaluator, setEvaluator] = useState(plan?.evaluator ?? '');
  const [startsOn, setStartsOn] = useState(plan?.startsOn ?? `${page.grant.firstYear}-01-01`);
  const [endsOn, setEndsOn] = useState(plan?.endsOn ?? `${page.grant.lastYear}-12-31`);
  const [questions, setQuestions] = useState(plan ? plan.questions.map((question) => question.question).join('\n') : '');
  const submit = () =>
    save(
      {
      record: 'plan',
      ...(plan ? { id: plan.id } : {}),
      applicationId: page.grant.applicationId,
      kind,
      method,
      evaluator,
      startsOn,
      endsOn,
      questions: questions.split('\n').map((line) => line.trim()).filter((line) => line !== ''),
      },
      onDone,
    );
  return (
    <RecordForm label={t(plan ? 'evaluations.forms.editPlan' : 'evaluations.forms.newPlan')} onSubmit={submit} submit={t('evaluations.forms.savePlan')}>
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

/**
 * Deletes after a second press: the first shows the question with Delete and Cancel, focus on
 * Cancel, so Enter twice by mistake deletes nothing; Escape cancels.
 */
export function ConfirmDelete({ label, question, record, id, onError }: { label: string; question: string; record: EvaluationRecord; id: number; onError: (error: unknown) => void }) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);
  const remove = async () => {
    try {
      await call('evaluation.delete', { record, id });
    } catch (caught) {
      onError(caught);
    }
    setAsking(false);
  };
  if (!asking) {
    return (
      <button type="button" className="danger" onClick={() => setAsking(true)} aria-label={label}>
        {t('evaluations.forms.delete')}
      </button>
    );
  }
  const escape = (event: KeyboardEvent) => event.key === 'Escape' && setAsking(false);
  return (
    <span role="group" aria-label={question} className="confirm" onKeyDown={escape}>
      <span>{question}</span>{' '}
      <button type="button" className="danger" onClick={() => void remove()}>
        {t('evaluations.forms.confirmDelete')}
      </button>{' '}
      <button type="button" autoFocus onClick={() => setAsking(false)}>
        {t('evaluations.forms.cancel')}
      </button>
    </span>
  );
}

/** A risk to the evaluation: what could happen, how likely and how grave, what is done about it. */
export function RiskForm({ page, today, onSaved, onError }: Props) {
  const { t } = useTranslation();
  const save = useSave({ onSaved, onError });
  const [description, setDescription] = useState('');
  const [likelihood, setLikelihood] = useState<(typeof riskLevels)[number]>('medium');
  const [impact, setImpact] = useState<(typeof riskLevels)[number]>('medium');
  const [mitigation, setMitigation] = useState('');
  const [notedOn, setNotedOn] = useState(today);
  if (!page.plan) return null;
  const planId = page.plan.id;
  const submit = () => save({ record: 'risk', planId, description, likelihood, impact, mitigation, status: 'open', notedOn }, () => (setDescription(''), setMitigation('')));
  return (
    <RecordForm label={t('evaluations.forms.newRisk')} onSubmit={submit} submit={t('evaluations.forms.saveRisk')}>
      <label className="wide">
        {t('evaluations.forms.riskDescription')}
        <textarea rows={2} required maxLength={2000} value={description} onChange={(event) => setDescription(event.target.value)} />
      </label>
      <Choice label={t('evaluations.grant.likelihood')} values={riskLevels} value={likelihood} words="evaluations.grant.levels" onChange={setLikelihood} />
      <Choice label={t('evaluations.grant.impact')} values={riskLevels} value={impact} words="evaluations.grant.levels" onChange={setImpact} />
      <label>
        {t('evaluations.grant.mitigation')}
        <input value={mitigation} maxLength={2000} onChange={(event) => setMitigation(event.target.value)} />
      </label>
      <label>
        {t('evaluations.forms.notedOn')}
        <input type="date" required value={notedOn} onChange={(event) => setNotedOn(event.target.value)} />
      </label>
    </RecordForm>
  );
}

/** A milestone or deliverable with its due date, linked to one of the grant's register reports or none. */
export function MilestoneForm({ page, onSaved, onError }: Props) {
  const { t } = useTranslation();
  const save = useSave({ onSaved, onError });
  const [kind, setKind] = useState<(typeof milestoneKinds)[number]>('deliverable');
  const [title, setTitle] = useState('');
  const [dueOn, setDueOn] = useState('');
  const [reportId, setReportId] = useState(0);
  if (!page.plan) return null;
  const planId = page.plan.id;
  const submit = () =>
    save({ record: 'milestone', planId, kind, title, dueOn, status: 'planned', reportId: reportId === 0 ? null : reportId }, () => (setTitle(''), setDueOn(''), setReportId(0)));
  return (
    <RecordForm label={t('evaluations.forms.newMilestone')} onSubmit={submit} submit={t('evaluations.forms.saveMilestone')}>
      <Choice label={t('evaluations.grant.kind')} values={milestoneKinds} value={kind} words="evaluations.grant.milestoneKinds" onChange={setKind} />
      <label>
        {t('evaluations.what')}
        <input required maxLength={500} value={title} onChange={(event) => setTitle(event.target.value)} />
      </label>
      <label>
        {t('evaluations.dueOn')}
        <input type="date" required value={dueOn} onChange={(event) => setDueOn(event.target.value)} />
      </label>
      <label>
        {t('evaluations.forms.linkedReport')}
        <select value={reportId} onChange={(event) => setReportId(Number(event.target.value))}>
          <option value={0}>{t('evaluations.forms.noReport')}</option>
          {page.reports.map((report) => (
            <option key={report.id} value={report.id}>
              {t(`evaluations.reportKind.${report.kind}`)} {report.dueOn}
            </option>
          ))}
        </select>
      </label>
    </RecordForm>
  );
}

type Tracked = GrantPage['tracked'][number];

/** A tracked indicator's target for each year of the grant, typed as Swedes write figures (72,5); an empty year has none. */
function TargetsForm({ page, tracked, onSaved, onError }: Props & { tracked: Tracked }) {
  const { t } = useTranslation();
  const save = useSave({ onSaved, onError });
  const years = Array.from({ length: page.grant.lastYear - page.grant.firstYear + 1 }, (_, i) => page.grant.firstYear + i);
  const [typed, setTyped] = useState<Record<number, string>>(() =>
    Object.fromEntries(
      years.map((year) => {
        const target = tracked.targets.find((row) => row.year === year);
        return [year, target ? formatNumber(target.value) : ''];
      }),
    ),
  );
  const bad = years.filter((year) => (typed[year] ?? '').trim() !== '' && Number.isNaN(figureFromInput(typed[year]!)));
  const submit = async () => {
    if (bad.length > 0) return;
    const targets = years.flatMap((year) => ((typed[year] ?? '').trim() === '' ? [] : [{ year, value: figureFromInput(typed[year]!) }]));
    await save({ record: 'targets', trackedId: tracked.id, targets });
  };
  return (
    <RecordForm label={t('evaluations.forms.targets')} onSubmit={submit} submit={t('evaluations.forms.saveTargets')}>
      {years.map((year) => {
        const id = `target-${tracked.id}-${year}`;
        const invalid = bad.includes(year);
        return (
          <label key={year} htmlFor={id}>
            {t('evaluations.forms.targetYear', { year })}
            <input
              id={id}
              inputMode="decimal"
              size={8}
              value={typed[year] ?? ''}
              aria-invalid={invalid}
              aria-describedby={invalid ? `${id}-error` : undefined}
              onChange={(event) => setTyped({ ...typed, [year]: event.target.value })}
            />
            {invalid && (
              <span className="field-error" id={`${id}-error`} role="alert">
                {t('evaluations.forms.notAFigure')}
              </span>
            )}
          </label>
        );
      })}
    </RecordForm>
  );
}

/** The places a tracked indicator is compared with: chosen by the evaluator, or the nearest never-treated ones suggested. */
function ComparisonsForm({ tracked, onSaved, onError }: Omit<Props, 'page' | 'today'> & { tracked: Tracked }) {
  const { t } = useTranslation();
  const save = useSave({ onSaved, onError });
  const places = useCall('indicators.places', {}, evaluationShows);
  const [chosen, setChosen] = useState(() => tracked.comparisons.map((place) => place.geo));
  const options = (places.data ?? []).filter((place) => place.level === tracked.level && place.code !== tracked.followUp.geo).map((place) => ({ value: place.code, label: place.name }));
  return (
    <RecordForm label={t('evaluations.forms.comparisons')} onSubmit={() => save({ record: 'comparisons', trackedId: tracked.id, places: chosen })} submit={t('evaluations.forms.saveChosen')}>
      <MultiPicker label={t('evaluations.forms.chosenPlaces')} options={options} chosen={chosen} onChange={setChosen} max={50} />
      <button type="button" onClick={() => void save({ record: 'comparisons', trackedId: tracked.id, places: { suggest: 4 } })}>
        {t('evaluations.forms.suggestFour')}
      </button>
      <p className="hint">{t('evaluations.forms.comparisonsHint')}</p>
    </RecordForm>
  );
}

/** One tracked indicator, picked among the grant's: its targets, its comparison places, or taking it away. */
export function TrackedEditor({ page, today, onSaved, onError }: Props) {
  const { t, i18n } = useTranslation();
  const [chosen, setChosen] = useState(page.tracked[0]?.id ?? 0);
  const tracked = page.tracked.find((row) => row.id === chosen) ?? page.tracked[0];
  if (!tracked) return null;
  const language = i18n.language === 'en' ? 'en' : 'sv';
  const name = (row: Tracked) => `${row.followUp.indicatorName[language]} – ${row.followUp.geoName}`;
  return (
    <section aria-labelledby="tracked-editor" className="tracked-editor">
      <h4 id="tracked-editor">{t('evaluations.forms.editTracked')}</h4>
      <label>
        {t('evaluations.indicator')}{' '}
        <select value={tracked.id} onChange={(event) => setChosen(Number(event.target.value))}>
          {page.tracked.map((row) => (
            <option key={row.id} value={row.id}>
              {name(row)}
            </option>
          ))}
        </select>
      </label>{' '}
      <ConfirmDelete label={t('evaluations.forms.deleteTracked', { name: name(tracked) })} question={t('evaluations.forms.deleteTrackedQuestion', { name: name(tracked) })} record="tracked" id={tracked.id} onError={onError} />
      {/* Keyed by the row and its saved values, so a save elsewhere or another choice starts the fields afresh. */}
      <TargetsForm key={`t-${tracked.id}-${JSON.stringify(tracked.targets)}`} page={page} today={today} tracked={tracked} onSaved={onSaved} onError={onError} />
      <ComparisonsForm key={`c-${tracked.id}-${tracked.comparisons.map((place) => place.geo).join()}`} tracked={tracked} onSaved={onSaved} onError={onError} />
    </section>
  );
}
