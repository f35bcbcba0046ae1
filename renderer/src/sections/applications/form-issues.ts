import type { RejectParams } from '../../../../main/contract/calls';
import { AppError } from '../../../../main/contract/errors';

/** What the service said of one field: the reason's code and values when it gave them. */
export interface FieldIssue {
  code?: string;
  params?: RejectParams;
}

/**
 * The fields under `prefix` that the server's validation issues point at (`entry.amountOre`), each
 * with the reason's code and values when the service gave them; null when the error is not about the fields.
 * Forms show each field's message in the user's language beside it.
 */
export function issuesAt(error: unknown, prefix: string): Map<string, FieldIssue> | null {
  if (!(error instanceof AppError) || error.code !== 'INVALID_ARGUMENT') return null;
  const issues = (error.details as { issues?: ({ path: string } & FieldIssue)[] } | undefined)?.issues ?? [];
  const fields = new Map<string, FieldIssue>();
  for (const { path, code, params } of issues) {
    if (path.startsWith(`${prefix}.`)) fields.set(path.slice(prefix.length + 1).split('.')[0]!, { code, params });
  }
  return fields.size > 0 ? fields : null;
}
