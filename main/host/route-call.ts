import type { Args, Result, ShellCallName } from '../contract/calls';
import { isShellCall } from '../contract/calls';
import { serializeError, type Envelope } from '../contract/errors';
import type { Progress } from '../contract/progress';
import { validateCall } from '../contract/validate';
import type { ServiceHost } from './service-host';

/** The calls only a shell can answer (native dialogs): Electron's, or the test bridge's stand-in. */
export type ShellCalls = { [K in ShellCallName]: (args: Args<K>) => Promise<Envelope<Result<K>>> };

export interface RouteOptions {
  onProgress?: (progress: Progress) => void;
  /** Aborted when the caller no longer wants the answer. */
  signal?: AbortSignal;
}

/**
 * The one place that decides who answers a call from a window: every call is checked against the
 * contract first, shell calls go to the shell, the rest to the host's threads.
 */
export async function routeCall(host: ServiceHost, shell: ShellCalls, name: unknown, args: unknown, options: RouteOptions = {}): Promise<Envelope<unknown>> {
  try {
    const call = validateCall(name, args);
    if (isShellCall(call.name)) {
      const serve = shell[call.name] as (args: unknown) => Promise<Envelope<unknown>>;
      return await serve(call.args);
    }
    return await host.call(call.name, call.args, options.onProgress, options.signal);
  } catch (error) {
    return { ok: false, error: serializeError(error) };
  }
}
