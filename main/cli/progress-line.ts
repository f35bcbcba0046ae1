import type { Progress } from '../contract/progress';

/** One rewritten line on a terminal; nothing when stderr is a file or pipe, so logs stay clean. */
export function renderProgress(progress: Progress): void {
  if (!process.stderr.isTTY) return;
  const count = progress.done.toLocaleString('sv-SE');
  const share = progress.total ? ` ${Math.floor((100 * progress.done) / progress.total)} %` : '';
  process.stderr.write(`\r${progress.phase}: ${count}${share}`.padEnd(60));
}
