import { useTranslation } from 'react-i18next';
import { registerTables } from '../../../../main/contract/tables';
import { useCall } from '../../api/use-call';
import { ErrorBanner } from '../../components/ErrorBanner';
import { formatSek } from '../../format';

/** Per call: granted against the budget and the earmarked share, over-commitment flagged. */
export function BudgetCheck() {
  const { t } = useTranslation();
  const { data, error } = useCall('calls.budget', {}, registerTables);
  if (error) return <ErrorBanner error={error} />;
  if (!data) return <p aria-busy="true">{t('common.loading')}</p>;
  const b = (key: string) => t(`applications.budget.${key}`);
  return (
    // A box that scrolls sideways takes focus, so its columns can be reached with the arrow keys.
    <div className="table-scroll" tabIndex={0} role="region" aria-label={t('applications.tabs.budget')}>
    <table className="budget-table" aria-label={t('applications.tabs.budget')}>
      <thead>
        <tr>
          <th>{b('year')}</th>
          <th>{b('programme')}</th>
          <th className="number">{b('budget')}</th>
          <th className="number">{b('earmarked')}</th>
          <th className="number">{b('granted')}</th>
          <th className="number">{b('grantedEarmarked')}</th>
          <th>{b('flag')}</th>
        </tr>
      </thead>
      <tbody>
        {data.map((row) => (
          <tr key={row.callId} className={row.overBudget || row.earmarkAtRisk ? 'flagged' : undefined}>
            <td>{row.year}</td>
            <td>{row.programme}</td>
            <td className="number">{formatSek(row.budgetOre)}</td>
            <td className="number">{formatSek(row.earmarkedOre)}</td>
            <td className="number">{formatSek(row.grantedOre)}</td>
            <td className="number">{formatSek(row.grantedEarmarkedOre)}</td>
            <td>{[row.overBudget && b('overBudget'), row.earmarkAtRisk && b('earmarkAtRisk')].filter(Boolean).join(', ') || b('ok')}</td>
          </tr>
        ))}
      </tbody>
    </table>
    </div>
  );
}
