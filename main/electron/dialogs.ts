import { BrowserWindow, dialog, type OpenDialogOptions, type SaveDialogOptions } from 'electron';
import type { FilePickArgs, PickedFile, StoreInfo } from '../contract/calls';
import type { Envelope } from '../contract/errors';
import type { ServiceHost } from '../host/service-host';

// The shell's half of the contract: native dialogs. The renderer never names a path; the path the
// user picks goes straight to the services.

const storeFilters = [
  { name: 'Grantlens (SQLite)', extensions: ['sqlite', 'db'] },
  { name: '*', extensions: ['*'] },
];

const extensionNames: Record<FilePickArgs['extensions'][number], string> = {
  csv: 'CSV',
  xlsx: 'Excel',
  json: 'JSON',
  geojson: 'GeoJSON',
  html: 'HTML',
  pdf: 'PDF',
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
  const path =
    mode === 'open'
      ? await askOpen(window, { title: 'Öppna datafil', filters: storeFilters, properties: ['openFile'] })
      : await askSave(window, { title: 'Skapa ny datafil', filters: storeFilters });
  if (!path) return { ok: true, value: null };
  return host.open(path);
}

export async function pickFile(
  host: ServiceHost,
  window: BrowserWindow | null,
  { purpose, extensions, suggestedName }: FilePickArgs,
): Promise<Envelope<PickedFile | null>> {
  const filters = extensions.map((extension) => ({ name: extensionNames[extension], extensions: [extension] }));
  const path =
    purpose === 'import'
      ? await askOpen(window, { title: 'Välj fil att importera', filters, properties: ['openFile'] })
      : await askSave(window, { title: 'Exportera till', filters, defaultPath: suggestedName });
  if (!path) return { ok: true, value: null };
  return host.registerFile(path);
}
