import { BrowserWindow } from 'electron';
import { devServerUrl, preloadFile, rendererFile } from './app-paths';

export function createMainWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1360,
    height: 860,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'Grantlens',
    autoHideMenuBar: false,
    webPreferences: {
      preload: preloadFile(),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
      // A middle click on a link would open it in a new window past the click handlers.
      disableBlinkFeatures: 'Auxclick',
    },
  });
  window.once('ready-to-show', () => window.show());
  const devUrl = devServerUrl();
  if (devUrl) void window.loadURL(devUrl);
  else void window.loadFile(rendererFile());
  return window;
}
