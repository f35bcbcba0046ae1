import { BrowserWindow, dialog } from 'electron';
import type { StoreInfo } from '../contract/calls';
import type { Envelope } from '../contract/errors';
import type { ServiceHost } from '../host/service-host';

const filters = [
  { name: 'Grantlens (SQLite)', extensions: ['sqlite', 'db'] },
  { name: '*', extensions: ['*'] },
];

/** Lets the user choose a store file; the renderer never names paths itself. */
export async function pickAndOpenStore(
  host: ServiceHost,
  window: BrowserWindow | null,
  mode: 'open' | 'create',
): Promise<Envelope<StoreInfo | null>> {
  const options = { title: mode === 'open' ? 'Öppna datafil' : 'Skapa ny datafil', filters };
  const path =
    mode === 'open'
      ? (await (window ? dialog.showOpenDialog(window, { ...options, properties: ['openFile'] }) : dialog.showOpenDialog(options))).filePaths[0]
      : (await (window ? dialog.showSaveDialog(window, options) : dialog.showSaveDialog(options))).filePath;
  if (!path) return { ok: true, value: null };
  return host.open(path);
}
