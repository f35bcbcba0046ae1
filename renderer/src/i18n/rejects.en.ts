import { rejectReasons } from '../../../main/contract/reject-reasons';
import type { Translations } from './sv';

export const rejectsEn: Translations['rejects'] = {
  // The English sentences are the ones the CLI prints, declared once in the contract.
  reasons: rejectReasons,
  levels: { country: 'the country', county: 'county', municipality: 'municipality', regso: 'RegSO', deso: 'DeSO' },
};
