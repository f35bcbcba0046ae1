import { join } from 'node:path';
import { app } from 'electron';

// The bundles live in out/main and out/preload; shipped data is copied next to the app when packaged.

export function resourcesDir(): string {
  return app.isPackaged ? process.resourcesPath : join(app.getAppPath(), 'resources');
}

export function preloadFile(): string {
  return join(import.meta.dirname, '..', 'preload', 'index.cjs');
}

export function serviceWorkerFile(): string {
  return join(import.meta.dirname, 'service-worker.js');
}

export function rendererFile(): string {
  return join(import.meta.dirname, '..', 'renderer', 'index.html');
}

/** Set by `electron-vite dev` so the window loads the dev server with hot reload. */
export function devServerUrl(): string | undefined {
  return app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;
}

/** Where the shell puts what it hands to the print window or the system: report pages, attachments' copies. */
export function shellTempDir(): string {
  return join(app.getPath('temp'), 'grantlens');
}
