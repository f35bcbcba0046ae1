import { pathToFileURL } from 'node:url';
import { app, session, type Session } from 'electron';

/**
 * The renderer shows local data only: it may load the app's own files (or the dev server during
 * development) and nothing else. Every other request, navigation, window and permission is refused.
 */
export function installSecurity(rendererDir: string, devUrl: string | undefined, printDir: string): void {
  const appPrefix = pathToFileURL(rendererDir).href;
  // The report the shell prints to PDF is a page of its own, written there by the services.
  const printPrefix = `${pathToFileURL(printDir).href}/`;
  const devOrigin = devUrl ? new URL(devUrl).origin : undefined;
  const isAppUrl = (url: string) =>
    url.startsWith(appPrefix) ||
    url.startsWith(printPrefix) ||
    url.startsWith('devtools://') ||
    (devOrigin !== undefined && (url.startsWith(devOrigin) || url.startsWith(devOrigin.replace(/^http/, 'ws'))));

  const guard = (target: Session) => {
    target.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !isAppUrl(details.url) }));
    target.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
    target.setPermissionCheckHandler(() => false);
  };
  guard(session.defaultSession);
  app.on('session-created', guard);

  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isAppUrl(url) || url.split('#')[0] !== contents.getURL().split('#')[0]) event.preventDefault();
    });
    contents.on('will-redirect', (event) => event.preventDefault());
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
}

/** The IPC handler only answers frames showing the app itself. */
export function isTrustedSender(url: string | undefined, rendererDir: string, devUrl: string | undefined): boolean {
  if (!url) return false;
  if (url.startsWith(pathToFileURL(rendererDir).href)) return true;
  return devUrl !== undefined && url.startsWith(new URL(devUrl).origin);
}
