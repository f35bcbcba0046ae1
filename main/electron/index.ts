import { dirname } from 'node:path';
import { app, dialog, Menu } from 'electron';
import { mendsByRestore } from '../contract/calls';
import { ServiceHost } from '../host/service-host';
import { resolveStorePath } from '../store/store-location';
import { devServerUrl, rendererFile, resourcesDir, serviceWorkerFile, shellTempDir } from './app-paths';
import { shellText } from './dialogs';
import { registerIpc } from './ipc';
import { appMenu } from './menu';
import { installSecurity } from './security';
import { createMainWindow } from './window';

function dbArgument(argv: readonly string[]): string | undefined {
  const index = argv.indexOf('--db');
  if (index >= 0) return argv[index + 1];
  return argv.find((arg) => arg.startsWith('--db='))?.slice('--db='.length);
}

/**
 * Opens the chosen store; when it is refused (another program's file, a newer schema) the user is
 * told why and may pick another file, create a new one or quit. The refused file is left untouched.
 * A damaged store opens the window, which says so and offers its backups to restore.
 */
async function openStoreOrAsk(host: ServiceHost, path: string): Promise<boolean> {
  const text = shellText();
  let tried = path;
  let envelope = await host.open(path);
  while (!envelope.ok && !mendsByRestore(envelope.error.code)) {
    const reason = text.refusals[envelope.error.code] ?? `${text.otherError} (${envelope.error.code})`;
    const { response } = await dialog.showMessageBox({
      type: 'error',
      title: 'Grantlens',
      message: text.storeRefused,
      detail: `${reason}\n\n${tried}`,
      buttons: [text.openOtherStore, text.createStore, text.quit],
      defaultId: 0,
      cancelId: 2,
    });
    if (response === 2) return false;
    const picked =
      response === 0
        ? (await dialog.showOpenDialog({ properties: ['openFile'] })).filePaths[0]
        : (await dialog.showSaveDialog({ defaultPath: path })).filePath;
    if (picked) {
      tried = picked;
      envelope = await host.open(picked);
    }
  }
  return true;
}

/** Not at once: a start, often a migration's backup already, is left to settle first. */
const DAILY_BACKUP = { firstMs: 60_000, everyMs: 60 * 60_000 };

async function start(): Promise<void> {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  await app.whenReady();
  const devUrl = devServerUrl();
  const rendererDir = dirname(rendererFile());
  installSecurity(rendererDir, devUrl, shellTempDir());
  Menu.setApplicationMenu(appMenu(!app.isPackaged, shellText()));

  const host = new ServiceHost(serviceWorkerFile(), { resourcesDir: resourcesDir() }, { dailyBackup: DAILY_BACKUP });
  if (!(await openStoreOrAsk(host, resolveStorePath(dbArgument(process.argv))))) {
    app.quit();
    return;
  }
  registerIpc(host, rendererDir, devUrl);
  let window = createMainWindow();

  app.on('second-instance', () => {
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  app.on('activate', () => {
    if (window.isDestroyed()) window = createMainWindow();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('will-quit', (event) => {
    event.preventDefault();
    void host.close().finally(() => app.exit(0));
  });
}

void start();
