import type { TFunction } from 'i18next';
import type { ImportSummary } from '../../../main/contract/calls';
import { formatNumber } from '../format';

// A count picks its word by its number, "1 ansökan", "2 ansökningar": given `count`, i18next takes
// the key's `_one` or `_other` form by the language's Intl.PluralRules (0 is plural in both).

/** t()'s options for a sentence about `count` things: `count` picks the form, `n` is the figure as the UI writes figures (Swedish, in both languages). */
export const counted = (count: number): { count: number; n: string } => ({ count, n: formatNumber(count) });

/** An import's counts as the sentences that report them interpolate them, each with its word in agreement ("1 avvisad", "2 avvisade"). */
export function importCounts(t: TFunction, summary: ImportSummary): Record<'rows' | 'accepted' | 'rejected' | 'inserted' | 'updated' | 'unchanged', string> {
  const word = (what: string, count: number) => t(`counts.${what}`, counted(count));
  return {
    rows: word('rows', summary.rows),
    accepted: word('accepted', summary.accepted),
    rejected: word('rejected', summary.rejected),
    inserted: word('inserted', summary.inserted),
    updated: word('updated', summary.updated),
    unchanged: word('unchanged', summary.unchanged),
  };
}
