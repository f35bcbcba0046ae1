import { BrowserWindow, ipcMain } from 'electron';
import type { Args } from '../contract/calls';
import { CALL_CHANNEL, PROGRESS_CHANNEL } from '../contract/channels';
import { serializeError, type Envelope } from '../contract/errors';
import { validateCall } from '../contract/validate';
import type { ServiceHost } from '../host/service-host';
import { isTrustedSender } from './app-url';
import { pickAndOpenStore, pickFile } from './dialogs';

/** The one IPC entry point: every call is checked against the contract here, before it goes anywhere. */
export function registerIpc(host: ServiceHost, rendererDir: string, devUrl: string | undefined): void {
  ipcMain.handle(CALL_CHANNEL, async (event, name: unknown, args: unknown): Promise<Envelope<unknown>> => {
    try {
      if (!isTrustedSender(event.senderFrame?.url, rendererDir, devUrl)) {
        throw new Error('Call refused: it did not come from the application window.');
      }
      const call = validateCall(name, args);
      const window = BrowserWindow.fromWebContents(event.sender);
      if (call.name === 'store.pickAndOpen') {
        return await pickAndOpenStore(host, window, (call.args as Args<'store.pickAndOpen'>).mode);
      }
      if (call.name === 'files.pick') return await pickFile(host, window, call.args as Args<'files.pick'>);
      return await host.call(call.name, call.args, (progress) => {
        if (!event.sender.isDestroyed()) event.sender.send(PROGRESS_CHANNEL, progress);
      });
    } catch (error) {
      return { ok: false, error: serializeError(error) };
    }
  });
}
