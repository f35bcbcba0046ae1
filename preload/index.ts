import { contextBridge, ipcRenderer } from 'electron';
import { callNameList } from '../main/contract/call-names';
import { CALL_CHANNEL, CANCEL_CHANNEL, CHANGES_CHANNEL, PROGRESS_CHANNEL } from '../main/contract/channels';
import type { GrantlensApi } from './api';

// Only plain names and channels are imported: the schemas stay in the main process, which checks
// every call, and out of this sandboxed bundle.

function listen<T>(channel: string, listener: (payload: T) => void): () => void {
  const handler = (_event: Electron.IpcRendererEvent, payload: T) => listener(payload);
  ipcRenderer.on(channel, handler);
  return () => {
    ipcRenderer.removeListener(channel, handler);
  };
}

const calls = Object.fromEntries(
  callNameList.map((name) => [name, (args: unknown, callId?: number) => ipcRenderer.invoke(CALL_CHANNEL, name, args, callId)]),
);

const api = {
  ...calls,
  cancel: (callId: number) => ipcRenderer.send(CANCEL_CHANNEL, callId),
  onProgress: (listener) => listen(PROGRESS_CHANNEL, listener),
  onChanges: (listener) => listen(CHANGES_CHANNEL, listener),
} as GrantlensApi;

contextBridge.exposeInMainWorld('grantlens', api);
