import { AppError } from './errors';
import { calls, isCallName, type Args, type CallName } from './calls';

export interface ValidCall<K extends CallName = CallName> {
  name: K;
  args: Args<K>;
}

/** The boundary check every call passes before any service sees it. */
export function validateCall(name: unknown, args: unknown): ValidCall {
  if (!isCallName(name)) {
    throw new AppError('UNKNOWN_CALL', `There is no call named ${JSON.stringify(name)}.`);
  }
  const parsed = calls[name].args.safeParse(args ?? {});
  if (!parsed.success) {
    // A field rule's issue names its reject code (main/contract/field-rules.ts), so a form words it as an import does.
    const issues = parsed.error.issues.map((issue) => {
      const reject = issue.code === 'custom' ? (issue.params as { reject?: string } | undefined)?.reject : undefined;
      return { path: issue.path.map(String).join('.'), message: issue.message, ...(reject ? { code: reject, params: {} } : {}) };
    });
    const first = issues[0];
    throw new AppError(
      'INVALID_ARGUMENT',
      `Invalid argument to ${name}: ${first ? `${first.path || '(argument)'}: ${first.message}` : 'rejected'}`,
      { issues },
    );
  }
  return { name, args: parsed.data } as ValidCall;
}
