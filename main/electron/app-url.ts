import { sep } from 'node:path';
import { pathToFileURL } from 'node:url';

// Pure URL tests for the shell, kept apart from Electron so they run under Vitest.

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * The app's own files: a file: URL inside the renderer folder. The prefix ends in a separator, so a
 * sibling folder (`renderer-x`) does not pass, and the URL is parsed first, so `..` segments and
 * percent-encoded dots are resolved before the comparison rather than slipping past it.
 */
export function isRendererFile(url: string, rendererDir: string): boolean {
  const parsed = parse(url);
  if (!parsed || parsed.protocol !== 'file:' || parsed.host !== '') return false;
  const folder = pathToFileURL(rendererDir.endsWith(sep) ? rendererDir : `${rendererDir}${sep}`).href;
  return parsed.href.startsWith(folder);
}

/**
 * The dev server, matched by exact protocol and host (`localhost:5173` is not `localhost:51730`);
 * its hot-reload socket too when `socket` allows it.
 */
function isDevServer(url: string, devUrl: string | undefined, socket: boolean): boolean {
  if (devUrl === undefined) return false;
  const parsed = parse(url);
  const dev = parse(devUrl);
  if (!parsed || !dev) return false;
  const protocol = socket ? parsed.protocol.replace(/^ws/, 'http') : parsed.protocol;
  return protocol === dev.protocol && parsed.host === dev.host;
}

/** What the renderer may request or navigate to: its own files, DevTools, and the dev server during development. */
export function isAppUrl(url: string, rendererDir: string, devUrl: string | undefined): boolean {
  return isRendererFile(url, rendererDir) || url.startsWith('devtools://') || isDevServer(url, devUrl, true);
}

/** The IPC handler only answers frames showing the app itself (DevTools does not count). */
export function isTrustedSender(url: string | undefined, rendererDir: string, devUrl: string | undefined): boolean {
  if (!url) return false;
  return isRendererFile(url, rendererDir) || isDevServer(url, devUrl, false);
}
