import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { milestoneStatuses, type GrantPage } from '../../../../main/contract/calls';
import { call } from '../../api/client';
import { useCall } from '../../api/use-call';
import { ErrorBanner } from '../../components/ErrorBanner';
import { formatNumber, formatSek } from '../../format';
import { formatFigure } from '../../../../main/contract/figure';
import { ConfirmDelete, EditableText, FindingForm, MilestoneForm, PlanForm, RiskForm, TrackedEditor } from './RecordForms';
import { TrackForm } from './TrackForm';
import { reasonText, StatusBadge } from './words';
import { evaluationShows } from './shows';
import { counted } from '../../i18n/counts';

interface Props {
  applicationId: number;
  today: string;
  onBack: () => void;
}

function FollowUpTable({ page }: { page: GrantPage }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language === 'en' ? 'en' : 'sv';
  const valueYear = (point: { year: number; value: number } | null) => (point ? t('evaluations.grant.valueYear', { value: formatFigure(point.value), year: point.year }) : '–');
  return (
    <table className="evaluation-table" aria-label={t('evaluations.grant.followUp')}>
      <thead>
        <tr>
          <th>{t('evaluations.indicator')}</th>
          <th>{t('evaluations.place')}</th>
          <th className="number">{t('evaluations.grant.baseline')}</th>
          <th className="number">{t('evaluations.grant.latest')}</th>
          <th className="number">{t('evaluations.grant.change')}</th>
          <th className="number">{t('evaluations.grant.target')}</th>
          <th className="number">{t('evaluations.grant.toTarget')}</th>
          <th className="number">{t('evaluations.grant.comparisonChange')}</th>
          <th className="number">{t('evaluations.grant.difference')}</th>
        </tr>
      </thead>
      <tbody>
        {page.tracked.map((row) => {
          const f = row.followUp;
          return (
            <tr key={row.id} className={f.direction === 'against' ? 'against' : undefined}>
              <td>
                {row.followUp.indicatorName[language]} ({row.unit})
                {row.comparisons.length > 0 && <div className="muted">{t('evaluations.grant.comparisonPlaces', { places: row.comparisons.map((c) => c.name).join(', ') })}</div>}
              </td>
              <td>{row.followUp.geoName}</td>
              <td className="number">{valueYear(f.baseline)}</td>
              <td className="number">{valueYear(f.latest)}</td>
              <td className="number">{formatFigure(f.change, 1, true)}</td>
              <td className="number">{valueYear(f.target)}</td>
              <td className="number">{formatFigure(f.distanceToTarget, 1, true)}</td>
              <td className="number">
                {formatFigure(f.comparisonChange, 1, true)} ({formatNumber(f.comparisonPlaces)})
              </td>
              <td className="number">{formatFigure(f.difference, 1, true)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** One grant: its status and why, its plan, the follow-up of its indicators, milestones, reports, findings, risks and notes. */
export function GrantView({ applicationId, today, onBack }: Props) {
  const { t, i18n } = useTranslation();
  const language = i18n.language === 'en' ? 'en' : 'sv';
  // A save reloads the page through the change event its call declares; nothing to count here.
  const saved = () => undefined;
  const [note, setNote] = useState('');
  const [editingPlan, setEditingPlan] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const { data: page, error } = useCall('evaluation.grant', { applicationId, today }, evaluationShows);

  const act = async (action: () => Promise<string | null>) => {
    setFailure(null);
    try {
      setMessage(await action());
    } catch (caught) {
      setFailure(caught);
    }
  };
  const addNote = () =>
    act(async () => {
      if (!page?.plan || note.trim() === '') return null;
      await call('evaluation.save', { record: 'note', planId: page.plan.id, body: note });
      setNote('');
      return null;
    });
  const writeReport = () =>
    act(async () => {
      if (!page) return null;
      const file = await call('files.pick', { purpose: 'export', extensions: ['html'], suggestedName: `utvardering-${page.grant.caseNumber}.html` });
      if (!file) return null;
      const { bytes } = await call('evaluation.report', { fileId: file.fileId, caseNumber: page.grant.caseNumber, today });
      return t('evaluations.written', { bytes: formatNumber(bytes) });
    });

  // Electron's printToPDF of the same report; the shell asks where to save it.
  const printPdf = () =>
    act(async () => {
      if (!page) return null;
      const printed = await call('evaluation.printPdf', { caseNumber: page.grant.caseNumber, today });
      return printed ? t('evaluations.printed', { bytes: formatNumber(printed.bytes) }) : null;
    });
  // The whole row goes back with the one thing changed: a save names every field of its record.
  const saveMilestone = async ({ id, kind, title, dueOn, reportId, status, doneOn }: GrantPage['milestones'][number]) => {
    if (!page?.plan) return;
    await call('evaluation.save', { record: 'milestone', id, planId: page.plan.id, kind, title, dueOn, reportId, status, doneOn });
  };
  const setMilestoneStatus = (milestone: GrantPage['milestones'][number], status: GrantPage['milestones'][number]['status']) =>
    act(async () => (await saveMilestone({ ...milestone, status, doneOn: status === 'done' ? today : null }), null));
  const saveFinding = async ({ id, questionId, evidenceType, strength, foundOn, source, attachmentId }: GrantPage['findings'][number], statement: string) => {
    if (!page?.plan) return;
    await call('evaluation.save', { record: 'finding', id, planId: page.plan.id, questionId, statement, evidenceType, strength, foundOn, source, attachmentId });
  };
  const saveText = async (record: 'outcome' | 'note', id: number, text: string) => {
    if (!page?.plan) return;
    await call('evaluation.save', record === 'outcome' ? { record, id, planId: page.plan.id, title: text } : { record, id, planId: page.plan.id, body: text });
  };
  const setRiskStatus = (risk: GrantPage['risks'][number], status: 'open' | 'closed') =>
    act(async () => {
      if (!page?.plan) return null;
      const { id, description, likelihood, impact, mitigation, notedOn } = risk;
      await call('evaluation.save', { record: 'risk', id, planId: page.plan.id, description, likelihood, impact, mitigation, notedOn, status });
      return null;
    });
  const addAttachment = (input: HTMLInputElement) =>
    act(async () => {
      const file = input.files?.[0];
      if (!page?.plan || !file) return null;
      const bytes = new Uint8Array(await file.arrayBuffer());
      // btoa takes a binary string; built in pieces, as one call per byte of 25 MiB would be slow.
      let binary = '';
      for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      await call('evaluation.save', { record: 'attachment', planId: page.plan.id, name: file.name, mime: file.type || 'application/octet-stream', contentBase64: btoa(binary) });
      input.value = '';
      return null;
    });
  const openAttachment = (id: number) => act(async () => (await call('evaluation.openAttachment', { id }), null));

  if (error !== undefined) return <ErrorBanner error={error} />;
  if (!page) return <p className="muted">{t('common.loading')}</p>;
  const { grant, plan } = page;
  const reportsById = new Map(page.reports.map((report) => [report.id, report]));
  return (
    <article className="evaluation-grant" aria-labelledby="grant-title">
      <div className="toolbar">
        <button type="button" onClick={onBack}>
          {t('evaluations.back')}
        </button>
        <button type="button" onClick={() => void writeReport()}>
          {t('evaluations.grant.report')}
        </button>
        <button type="button" onClick={() => void printPdf()}>
          {t('evaluations.grant.printPdf')}
        </button>
        {message && <span role="status">{message}</span>}
      </div>
      {failure !== null && <ErrorBanner error={failure} onDismiss={() => setFailure(null)} />}
      <h2 id="grant-title">
        {grant.caseNumber} {grant.title}
      </h2>
      <dl className="evaluation-facts" aria-label={t('evaluations.grant.facts')}>
        <dt>{t('evaluations.grant.organisation')}</dt>
        <dd>{grant.organisation}</dd>
        <dt>{t('evaluations.grant.municipality')}</dt>
        <dd>{grant.municipality ?? '–'}</dd>
        <dt>{t('evaluations.grant.years')}</dt>
        <dd>
          {grant.firstYear}–{grant.lastYear}
        </dd>
        <dt>{t('evaluations.grant.granted')}</dt>
        <dd>{formatSek(grant.grantedOre)}</dd>
      </dl>
      <section aria-labelledby="grant-status">
        <h3 id="grant-status">
          {t('evaluations.grant.statusTitle')}: <StatusBadge status={page.status} t={t} />
        </h3>
        <ul data-testid="status-reasons">
          {page.reasons.map((reason, i) => (
            <li key={i}>{reasonText(i18n.language, reason)}</li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="grant-plan">
        <h3 id="grant-plan">{t('evaluations.grant.plan')}</h3>
        {!plan ? (
          <>
            <p className="muted">{t('evaluations.grant.noPlan')}</p>
            <PlanForm page={page} today={today} onSaved={saved} onError={setFailure} />
          </>
        ) : (
          <>
            <div className="toolbar">
              <button type="button" aria-expanded={editingPlan} onClick={() => setEditingPlan(!editingPlan)}>
                {t('evaluations.forms.editPlanButton')}
              </button>
              <ConfirmDelete label={t('evaluations.forms.deletePlan')} question={t('evaluations.forms.deletePlanQuestion')} record="plan" id={plan.id} onError={setFailure} />
            </div>
            {editingPlan && <PlanForm key={plan.id} page={page} today={today} onSaved={saved} onError={setFailure} onDone={() => setEditingPlan(false)} />}
            <dl className="evaluation-facts">
              <dt>{t('evaluations.grant.kind')}</dt>
              <dd>{t(`evaluations.grant.kinds.${plan.kind}`)}</dd>
              <dt>{t('evaluations.grant.method')}</dt>
              <dd>{t(`evaluations.grant.methods.${plan.method}`)}</dd>
              <dt>{t('evaluations.grant.evaluator')}</dt>
              <dd>{plan.evaluator || '–'}</dd>
              <dt>{t('evaluations.grant.period')}</dt>
              <dd>
                {plan.startsOn} – {plan.endsOn}
              </dd>
            </dl>
            {plan.questions.length > 0 && (
              <>
                <h4>{t('evaluations.grant.questions')}</h4>
                <ol>
                  {plan.questions.map((question) => (
                    <li key={question.id}>{question.question}</li>
                  ))}
                </ol>
              </>
            )}
          </>
        )}
      </section>
      {page.outcomes.length > 0 && (
        <section aria-labelledby="grant-outcomes">
          <h3 id="grant-outcomes">{t('evaluations.grant.outcomes')}</h3>
          <ul>
            {page.outcomes.map((outcome) => {
              const followedBy = page.tracked.filter((row) => row.outcomeId === outcome.id).map((row) => `${row.followUp.indicatorName[language]} – ${row.followUp.geoName}`);
              return (
                <li key={outcome.id}>
                  <EditableText
                    field="outcomeTitle"
                    text={outcome.title}
                    label={t('evaluations.forms.editNamed', { name: outcome.title })}
                    onSave={(title) => saveText('outcome', outcome.id, title)}
                    onError={setFailure}
                  />
                  {followedBy.length > 0 && <div className="muted">{t('evaluations.grant.outcomeIndicators', { indicators: followedBy.join(', ') })}</div>}
                </li>
              );
            })}
          </ul>
        </section>
      )}
      {page.tracked.length > 0 && (
        <section aria-labelledby="grant-follow-up">
          <h3 id="grant-follow-up">{t('evaluations.grant.followUp')}</h3>
          <FollowUpTable page={page} />
          <TrackedEditor page={page} today={today} onSaved={saved} onError={setFailure} />
        </section>
      )}
      <TrackForm page={page} onSaved={saved} onError={setFailure} />
      {page.milestones.length > 0 && (
        <section aria-labelledby="grant-milestones">
          <h3 id="grant-milestones">{t('evaluations.grant.milestones')}</h3>
          <table className="evaluation-table" aria-label={t('evaluations.grant.milestones')}>
            <thead>
              <tr>
                <th>{t('evaluations.what')}</th>
                <th>{t('evaluations.grant.kind')}</th>
                <th>{t('evaluations.dueOn')}</th>
                <th>{t('evaluations.grant.statusTitle')}</th>
                <th>{t('evaluations.forms.change')}</th>
              </tr>
            </thead>
            <tbody>
              {page.milestones.map((milestone) => {
                const report = milestone.reportId === null ? undefined : reportsById.get(milestone.reportId);
                return (
                  <tr key={milestone.id} className={milestone.overdueDays !== null ? 'overdue' : undefined}>
                    <td>
                      <EditableText
                        field="milestoneTitle"
                        text={milestone.title}
                        label={t('evaluations.forms.editNamed', { name: milestone.title })}
                        onSave={(title) => saveMilestone({ ...milestone, title })}
                        onError={setFailure}
                      />
                      {report && <div className="muted">{t('evaluations.grant.linkedReport', { kind: t(`evaluations.reportKind.${report.kind}`).toLowerCase(), dueOn: report.dueOn })}</div>}
                    </td>
                    <td>{t(`evaluations.grant.milestoneKinds.${milestone.kind}`)}</td>
                    <td className="day">{milestone.dueOn}</td>
                    <td>
                      {t(`evaluations.grant.milestoneStatuses.${milestone.status}`)}
                      {milestone.doneOn && ` ${milestone.doneOn}`}
                      {milestone.overdueDays !== null && ` – ${t('evaluations.grant.overdue', counted(milestone.overdueDays))}`}
                      {(milestone.status === 'planned' || milestone.status === 'in_progress') && (
                        <>
                          {' '}
                          <button type="button" onClick={() => void setMilestoneStatus(milestone, 'done')} aria-label={`${t('evaluations.track.markDone')}: ${milestone.title}`}>
                            {t('evaluations.track.markDone')}
                          </button>
                        </>
                      )}
                    </td>
                    <td className="row-actions">
                      <select
                        aria-label={t('evaluations.forms.milestoneStatus', { title: milestone.title })}
                        value={milestone.status}
                        onChange={(event) => void setMilestoneStatus(milestone, event.target.value as typeof milestone.status)}
                      >
                        {milestoneStatuses.map((status) => (
                          <option key={status} value={status}>
                            {t(`evaluations.grant.milestoneStatuses.${status}`)}
                          </option>
                        ))}
                      </select>{' '}
                      <ConfirmDelete label={t('evaluations.forms.deleteNamed', { name: milestone.title })} question={t('evaluations.forms.deleteQuestion', { name: milestone.title })} record="milestone" id={milestone.id} onError={setFailure} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </section>
      )}
      <MilestoneForm page={page} today={today} onSaved={saved} onError={setFailure} />
      {page.reports.length > 0 && (
        <section aria-labelledby="grant-reports">
          <h3 id="grant-reports">{t('evaluations.grant.reports')}</h3>
          <table className="evaluation-table" aria-label={t('evaluations.grant.reports')}>
            <thead>
              <tr>
                <th>{t('evaluations.what')}</th>
                <th>{t('evaluations.dueOn')}</th>
                <th>{t('evaluations.grant.received')}</th>
              </tr>
            </thead>
            <tbody>
              {page.reports.map((report) => (
                <tr key={report.id}>
                  <td>{t(`evaluations.reportKind.${report.kind}`)}</td>
                  <td className="day">{report.dueOn}</td>
                  <td>{report.receivedOn ?? t('evaluations.grant.notReceived')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      {page.findings.length > 0 && (
        <section aria-labelledby="grant-findings">
          <h3 id="grant-findings">{t('evaluations.grant.findings')}</h3>
          <ul className="findings">
            {page.findings.map((finding) => (
              <li key={finding.id}>
                <EditableText
                  field="findingStatement"
                  multiline
                  text={finding.statement}
                  label={t('evaluations.forms.editNamed', { name: finding.statement })}
                  onSave={(statement) => saveFinding(finding, statement)}
                  onError={setFailure}
                >
                  {finding.statement}{' '}
                  <span className="muted">
                    ({t(`evaluations.grant.evidenceTypes.${finding.evidenceType}`)}, {t(`evaluations.grant.strengths.${finding.strength}`)}, {finding.foundOn}
                    {finding.source && `, ${finding.source}`})
                  </span>
                </EditableText>{' '}
                <ConfirmDelete label={t('evaluations.forms.deleteNamed', { name: finding.statement })} question={t('evaluations.forms.deleteQuestion', { name: finding.statement })} record="finding" id={finding.id} onError={setFailure} />
              </li>
            ))}
          </ul>
        </section>
      )}
      <FindingForm page={page} today={today} onSaved={saved} onError={setFailure} />
      {page.risks.length > 0 && (
        <section aria-labelledby="grant-risks">
          <h3 id="grant-risks">{t('evaluations.grant.risks')}</h3>
          <table className="evaluation-table" aria-label={t('evaluations.grant.risks')}>
            <thead>
              <tr>
                <th>{t('evaluations.what')}</th>
                <th>{t('evaluations.grant.likelihood')}</th>
                <th>{t('evaluations.grant.impact')}</th>
                <th>{t('evaluations.grant.mitigation')}</th>
                <th>{t('evaluations.grant.statusTitle')}</th>
                <th>{t('evaluations.forms.change')}</th>
              </tr>
            </thead>
            <tbody>
              {page.risks.map((risk) => (
                <tr key={risk.id}>
                  <td>{risk.description}</td>
                  <td>{t(`evaluations.grant.levels.${risk.likelihood}`)}</td>
                  <td>{t(`evaluations.grant.levels.${risk.impact}`)}</td>
                  <td>{risk.mitigation}</td>
                  <td>{t(`evaluations.grant.riskStatuses.${risk.status}`)}</td>
                  <td className="row-actions">
                    <button type="button" onClick={() => void setRiskStatus(risk, risk.status === 'open' ? 'closed' : 'open')} aria-label={t(risk.status === 'open' ? 'evaluations.forms.closeRiskNamed' : 'evaluations.forms.reopenRiskNamed', { name: risk.description })}>
                      {t(risk.status === 'open' ? 'evaluations.forms.closeRisk' : 'evaluations.forms.reopenRisk')}
                    </button>{' '}
                    <ConfirmDelete label={t('evaluations.forms.deleteNamed', { name: risk.description })} question={t('evaluations.forms.deleteQuestion', { name: risk.description })} record="risk" id={risk.id} onError={setFailure} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      <RiskForm page={page} today={today} onSaved={saved} onError={setFailure} />
      {plan && (
        <section aria-labelledby="grant-attachments">
          <h3 id="grant-attachments">{t('evaluations.grant.attachments')}</h3>
          <ul>
            {page.attachments.map((attachment) => (
              <li key={attachment.id}>
                <button type="button" className="link" onClick={() => void openAttachment(attachment.id)} aria-label={t('evaluations.grant.openAttachment', { name: attachment.name })}>
                  {attachment.name}
                </button>{' '}
                <span className="muted">({t('evaluations.grant.size', { size: formatNumber(attachment.size) })}, SHA-256 {attachment.sha256.slice(0, 12)}…)</span>{' '}
                <ConfirmDelete label={t('evaluations.forms.deleteNamed', { name: attachment.name })} question={t('evaluations.forms.deleteQuestion', { name: attachment.name })} record="attachment" id={attachment.id} onError={setFailure} />
              </li>
            ))}
          </ul>
          <label>
            {t('evaluations.grant.addAttachment')}{' '}
            <input type="file" onChange={(event) => void addAttachment(event.currentTarget)} />
          </label>
          <p className="hint">{t('evaluations.grant.attachmentHint')}</p>
        </section>
      )}
      {plan && (
        <section aria-labelledby="grant-notes">
          <h3 id="grant-notes">{t('evaluations.grant.notes')}</h3>
          <ul>
            {page.notes.map((entry) => (
              <li key={entry.id}>
                <span className="muted">
                  {entry.writtenAt.slice(0, 10)} {entry.writtenBy}:
                </span>{' '}
                <EditableText
                  field="noteBody"
                  multiline
                  text={entry.body}
                  label={t('evaluations.forms.editNote', { when: entry.writtenAt.slice(0, 10) })}
                  onSave={(body) => saveText('note', entry.id, body)}
                  onError={setFailure}
                />{' '}
                <ConfirmDelete label={t('evaluations.forms.deleteNote', { when: entry.writtenAt.slice(0, 10) })} question={t('evaluations.forms.deleteNoteQuestion')} record="note" id={entry.id} onError={setFailure} />
              </li>
            ))}
          </ul>
          <form
            aria-label={t('evaluations.grant.newNote')}
            onSubmit={(event) => {
              event.preventDefault();
              void addNote();
            }}
          >
            <label>
              {t('evaluations.grant.newNote')}
              <textarea value={note} maxLength={20_000} rows={3} onChange={(event) => setNote(event.target.value)} />
            </label>
            <button type="submit" disabled={note.trim() === ''}>
              {t('evaluations.grant.addNote')}
            </button>
          </form>
        </section>
      )}
    </article>
  );
}
