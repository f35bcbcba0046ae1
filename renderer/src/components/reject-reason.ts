import { useTranslation } from 'react-i18next';
import type { RejectParams } from '../../../main/contract/calls';

/** A reason from main as a reject code and the values it names (an import's rejected row, an edit's broken rule). */
export interface CodedReason {
  code: string;
  params: RejectParams;
}

/**
 * Says a coded reason in the user's language; `fallback` for a code this renderer does not know
 * (main's English sentence, or the field's own message). A geography level among the values is
 * named in the same language.
 */
export function useReasonText(): (reason: CodedReason, fallback: string) => string {
  const { t, i18n } = useTranslation();
  return ({ code, params }, fallback) => {
    const key = `rejects.reasons.${code}`;
    if (!i18n.exists(key)) return fallback;
    const { level } = params;
    return t(key, level === undefined ? params : { ...params, level: t(`rejects.levels.${level}`, { defaultValue: String(level) }) });
  };
}
