import { AppError } from '../../../../main/contract/errors';

/**
 * The fields under `prefix` that the server's validation issues point at (`entry.amountOre`), each
 * with the reason's code when the service gave one; null when the error is not about the fields.
 * Forms show each field's message in the user's language beside it.
 */
export function issuesAt(error: unknown, prefix: string): Map<string, string | undefined> | null {
  if (!(error instanceof AppError) || error.code !== 'INVALID_ARGUMENT') return null;
  const issues = (error.details as { issues?: { path: string; code?: string }[] } | undefined)?.issues ?? [];
  const fields = new Map<string, string | undefined>();
  for (const issue of issues) {
    if (issue.path.startsWith(`${prefix}.`)) fields.set(issue.path.slice(prefix.length + 1).split('.')[0]!, issue.code);
  }
  return fields.size > 0 ? fields : null;
}
