import { contextBridge, ipcRenderer } from 'electron';
import { callNames, type CallName } from '../main/contract/calls';
import { CALL_CHANNEL, PROGRESS_CHANNEL } from '../main/contract/channels';
import type { Progress } from '../main/contract/progress';
import type { GrantlensApi } from './api';

const calls = Object.fromEntries(
  callNames.map((name: CallName) => [name, (args: unknown) => ipcRenderer.invoke(CALL_CHANNEL, name, args)]),
);

const api = {
  ...calls,
  onProgress(listener: (progress: Progress) => void) {
    const handler = (_event: Electron.IpcRendererEvent, progress: Progress) => listener(progress);
    ipcRenderer.on(PROGRESS_CHANNEL, handler);
    return () => {
      ipcRenderer.removeListener(PROGRESS_CHANNEL, handler);
    };
  },
} as GrantlensApi;

contextBridge.exposeInMainWorld('grantlens', api);
