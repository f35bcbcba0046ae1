import { useTranslation } from 'react-i18next';
import { grantStatuses, type EvaluationDashboard, type GrantStatus } from '../../../../main/contract/calls';
import { formatNumber } from '../../format';
import { reasonText, StatusBadge } from './words';

type Deadline = EvaluationDashboard['deadlines'][number];

interface Props {
  data: EvaluationDashboard;
  onOpen: (applicationId: number) => void;
}

function DeadlineTable({ rows, label, late, onOpen }: { rows: Deadline[]; label: string; late?: boolean; onOpen: Props['onOpen'] }) {
  const { t } = useTranslation();
  if (rows.length === 0) return <p className="muted">{t('evaluations.none')}</p>;
  return (
    <table className="evaluation-table" aria-label={label}>
      <thead>
        <tr>
          <th>{t('evaluations.caseNumber')}</th>
          <th>{t('evaluations.what')}</th>
          <th>{t('evaluations.dueOn')}</th>
          <th className="number">{late ? t('evaluations.daysLate') : t('evaluations.daysLeft')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row, i) => (
          <tr key={`${row.applicationId}-${row.dueOn}-${i}`}>
            <td>
              <button type="button" className="link" onClick={() => onOpen(row.applicationId)} aria-label={t('evaluations.open', { caseNumber: row.caseNumber })}>
                {row.caseNumber}
              </button>
            </td>
            <td>{row.source === 'report' ? t(`evaluations.reportKind.${row.what}`) : row.what}</td>
            <td>{row.dueOn}</td>
            <td className="number">{formatNumber(Math.abs(row.days))}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The portfolio at a glance: status counts, what falls due, what is late, what moves the wrong way. */
export function Dashboard({ data, onOpen }: Props) {
  const { t, i18n } = useTranslation();
  const language = i18n.language === 'en' ? 'en' : 'sv';
  const soon = data.deadlines.filter((row) => row.days <= 30);
  const later = data.deadlines.filter((row) => row.days > 30);
  return (
    <div className="evaluation-dashboard">
      <h2>{t('evaluations.counts')}</h2>
      <dl className="figures">
        {grantStatuses.map((status: GrantStatus) => (
          <div key={status} className="figure" data-testid={`status-${status}`}>
            <dt>{t(`evaluations.status.${status}`)}</dt>
            <dd>{formatNumber(data.counts[status])}</dd>
          </div>
        ))}
      </dl>
      <div className="evaluation-columns">
        <section aria-labelledby="deadlines-title">
          <h2 id="deadlines-title">{t('evaluations.deadlines')}</h2>
          <h3>{t('evaluations.within30')}</h3>
          <DeadlineTable rows={soon} label={t('evaluations.within30')} onOpen={onOpen} />
          <h3>{t('evaluations.within90')}</h3>
          <DeadlineTable rows={later} label={t('evaluations.within90')} onOpen={onOpen} />
        </section>
        <section aria-labelledby="overdue-title">
          <h2 id="overdue-title">{t('evaluations.overdueReports')}</h2>
          <DeadlineTable rows={data.overdueReports} label={t('evaluations.overdueReports')} late onOpen={onOpen} />
          <h2>{t('evaluations.againstTarget')}</h2>
          {data.againstTarget.length === 0 ? (
            <p className="muted">{t('evaluations.none')}</p>
          ) : (
            <ul aria-label={t('evaluations.againstTarget')}>
              {data.againstTarget.map((row) => (
                <li key={`${row.applicationId}-${row.indicator}-${row.geo}-${row.sex}`}>
                  <button type="button" className="link" onClick={() => onOpen(row.applicationId)}>
                    {row.caseNumber}
                  </button>{' '}
                  {row.indicatorName[language]} ({row.indicator}{row.sex !== 'T' && `, ${t(`indicators.sexes.${row.sex}`).toLowerCase()}`}), {row.geoName}
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
      <h2>{t('evaluations.grants')}</h2>
      <table className="evaluation-table" aria-label={t('evaluations.grants')}>
        <thead>
          <tr>
            <th>{t('evaluations.caseNumber')}</th>
            <th>{t('evaluations.title')}</th>
            <th>{t('evaluations.grant.statusTitle')}</th>
            <th>{t('evaluations.reason')}</th>
          </tr>
        </thead>
        <tbody>
          {data.grants.map((grant) => (
            <tr key={grant.applicationId}>
              <td>
                <button type="button" className="link" onClick={() => onOpen(grant.applicationId)} aria-label={t('evaluations.open', { caseNumber: grant.caseNumber })}>
                  {grant.caseNumber}
                </button>
              </td>
              <td>{grant.title}</td>
              <td>
                <StatusBadge status={grant.status} t={t} />
              </td>
              <td>{reasonText(i18n.language, grant.reasons[0]!)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
