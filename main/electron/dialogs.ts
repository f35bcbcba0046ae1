import { app, BrowserWindow, dialog, type OpenDialogOptions, type SaveDialogOptions } from 'electron';
import type { FilePickArgs, PickedFile, StoreInfo } from '../contract/calls';
import type { Envelope } from '../contract/errors';
import type { ServiceHost } from '../host/service-host';
import { shellLanguage, shellTexts, type ShellText } from './shell-text';

// The shell's half of the contract: native dialogs. The renderer never names a path; the path the
// user picks goes straight to the services.

/** The words of native dialogs and the menu, in the OS's language (see shell-text.ts). */
export function shellText(): ShellText {
  return shellTexts[shellLanguage(app.getPreferredSystemLanguages())];
}

const storeFilters = (text: ShellText) => [
  { name: text.storeFiles, extensions: ['sqlite', 'db'] },
  { name: '*', extensions: ['*'] },
];

const extensionNames: Record<FilePickArgs['extensions'][number], string> = {
  csv: 'CSV',
  xlsx: 'Excel',
  json: 'JSON',
  geojson: 'GeoJSON',
  html: 'HTML',
  pdf: 'PDF',
  png: 'PNG',
  svg: 'SVG',
  glx: 'Grantlens',
  sqlite: 'Grantlens (SQLite)',
};

async function askOpen(window: BrowserWindow | null, options: OpenDialogOptions): Promise<string | undefined> {
  const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
  return result.filePaths[0];
}

export async function askSave(window: BrowserWindow | null, options: SaveDialogOptions): Promise<string | undefined> {
  const result = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
  return result.filePath || undefined;
}

export async function pickAndOpenStore(
  host: ServiceHost,
  window: BrowserWindow | null,
  mode: 'open' | 'create',
): Promise<Envelope<StoreInfo | null>> {
  const text = shellText();
  const path =
    mode === 'open'
      ? await askOpen(window, { title: text.openStoreTitle, filters: storeFilters(text), properties: ['openFile'] })
      : await askSave(window, { title: text.createStoreTitle, filters: storeFilters(text) });
  if (!path) return { ok: true, value: null };
  return host.open(path);
}

export async function pickFile(
  host: ServiceHost,
  window: BrowserWindow | null,
  { purpose, extensions, suggestedName }: FilePickArgs,
): Promise<Envelope<PickedFile | null>> {
  const filters = extensions.map((extension) => ({ name: extensionNames[extension], extensions: [extension] }));
  const text = shellText();
  const path =
    purpose === 'import'
      ? await askOpen(window, { title: text.importTitle, filters, properties: ['openFile'] })
      : await askSave(window, { title: text.exportTitle, filters, defaultPath: suggestedName });
  if (!path) return { ok: true, value: null };
  return host.registerFile(path);
}
