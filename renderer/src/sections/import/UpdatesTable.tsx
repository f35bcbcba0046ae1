import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { ImportField, ImportKind, RowUpdate } from '../../../../main/contract/calls';
import { formatSek } from '../../format';

type Value = RowUpdate['changes'][number]['before'];

/** A stored value as the grid and the form show it: kronor, the UI's labels for keys, yes or no. */
function shown(t: TFunction, field: ImportField, value: Value): string {
  if (value === null) return '–';
  switch (field) {
    case 'requestedOre':
    case 'grantedOre':
    case 'evaluationOre':
      return formatSek(value as number);
    case 'status':
    case 'stage':
      return t(`applications.${field}.${value}`);
    case 'applicantType':
      return t(`applicantType.${value}`);
    case 'includesEvaluation':
      return t(value === 1 ? 'applications.yes' : 'applications.no');
    default:
      return String(value);
  }
}

/** What an import changes in the rows it updates, field by field; a move to another applicant stands out. */
export function UpdatesTable({ kind, updates, updated }: { kind: ImportKind; updates: RowUpdate[]; updated: number }) {
  const { t } = useTranslation();
  if (updates.length === 0) return null;
  return (
    <>
      <h3>{t('importer.updates')}</h3>
      {updated > updates.length && <p>{t('importer.moreUpdates', { shown: updates.length, total: updated })}</p>}
      <table className="updates" aria-label={t('importer.updates')}>
        <thead>
          <tr>
            <th>{t('importer.row')}</th>
            <th>{t(kind === 'organisations' ? 'applications.col.organisation' : 'applications.col.caseNumber')}</th>
            <th>{t('importer.field')}</th>
            <th>{t('importer.before')}</th>
            <th>{t('importer.after')}</th>
          </tr>
        </thead>
        <tbody>
          {updates.flatMap((update) =>
            update.changes.map((change, i) => (
              <tr key={`${update.row}-${i}`} className={update.movesApplicant && change.field === 'organisation' ? 'moves' : undefined}>
                {i === 0 && (
                  <>
                    <td rowSpan={update.changes.length}>{update.row}</td>
                    <td rowSpan={update.changes.length}>
                      {update.key}
                      {update.movesApplicant && <strong className="moves-note">{t('importer.movesApplicant')}</strong>}
                    </td>
                  </>
                )}
                <td>{t(`applications.col.${change.field}`)}</td>
                <td>{shown(t, change.field, change.before)}</td>
                <td>{shown(t, change.field, change.after)}</td>
              </tr>
            )),
          )}
        </tbody>
      </table>
    </>
  );
}
