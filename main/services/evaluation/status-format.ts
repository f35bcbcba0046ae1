import type { EvaluationStatus, StatusReason } from '../../contract/domains/evaluation';
import { reasonSentence } from '../../contract/evaluation-words';
import { csvCell } from '../csv-cell';

/** The reason in the English the UI shows, from the one vocabulary. */
export const statusReasonText = (reason: StatusReason): string => reasonSentence('en', reason);

/** Each grant with its status id and its reasons as codes, params and English words. */
export function statusJson(result: EvaluationStatus): string {
  const grants = result.grants.map((grant) => ({ ...grant, reasons: grant.reasons.map((reason) => ({ ...reason, text: statusReasonText(reason) })) }));
  return `${JSON.stringify({ ...result, grants }, null, 2)}\n`;
}

/** A row per grant as the app's other CSV exports (`;`, BOM): the status id and the first reason, in words and as a code. */
export function statusCsv(result: EvaluationStatus): string {
  const header = ['Diarienummer', 'Titel', 'Första år', 'Sista år', 'Följeforskning', 'Status', 'Skäl', 'Skälkod'];
  const lines = result.grants.map((grant) => {
    const reason = grant.reasons[0]!;
    return [grant.caseNumber, grant.title, String(grant.firstYear), String(grant.lastYear), grant.followResearch ? 'ja' : 'nej', grant.status, statusReasonText(reason), reason.code]
      .map(csvCell)
      .join(';');
  });
  return `\uFEFF${[header.join(';'), ...lines].join('\r\n')}\r\n`;
}
