import type { CrosstabDimension, CrosstabMember } from '../../../../main/contract/domains/crosstab';
import { indicatorTables, registerTables } from '../../../../main/contract/tables';
import { useCall } from '../../api/use-call';

const sexes: CrosstabMember[] = ['T', 'K', 'M'].map((key) => ({ key, name: null }));
const shows = [...registerTables, ...indicatorTables];

/**
 * The values a dimension has in the store, to filter by: the engine's own members of a one-row
 * cross-tab (so a filter offers exactly what the table would show), indicators from their list.
 */
export function useMembers(dimension: CrosstabDimension, language: string): CrosstabMember[] {
  const indicator = dimension === 'indicator' || dimension === 'sex';
  const list = useCall('indicators.list', {}, indicatorTables);
  const run = useCall('crosstab.run', { rows: [indicator ? 'year' : dimension], measures: ['applications'] }, shows);
  if (dimension === 'sex') return sexes;
  if (dimension === 'indicator') return (list.data ?? []).map((definition) => ({ key: definition.code, name: language === 'en' ? definition.nameEn : definition.nameSv }));
  return run.data?.members[0] ?? [];
}
