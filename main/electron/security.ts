import { app, session, type Session } from 'electron';
import { isAppUrl as isAppUrlIn } from './app-url';

/**
 * The renderer shows local data only: it may load the app's own files (or the dev server during
 * development) and nothing else. Every other request, navigation, window and permission is refused.
 */
export function installSecurity(rendererDir: string, devUrl: string | undefined, printDir: string): void {
  // The report the shell prints to PDF is a page of its own, written to printDir by the services.
  const isAppUrl = (url: string) => isAppUrlIn(url, rendererDir, devUrl) || isAppUrlIn(url, printDir, undefined);

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
