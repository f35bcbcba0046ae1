import { BrowserWindow, ipcMain } from 'electron';
import { CALL_CHANNEL, CANCEL_CHANNEL, CHANGES_CHANNEL, PROGRESS_CHANNEL } from '../contract/channels';
import { serializeError, type Envelope } from '../contract/errors';
import { routeCall } from '../host/route-call';
import type { ServiceHost } from '../host/service-host';
import { isTrustedSender } from './app-url';
import { pickAndOpenStore, pickFile } from './dialogs';
import { openAttachment, printReportPdf } from './evaluation-shell';

/** The one IPC entry point: every call is checked against the contract here, before it goes anywhere. */
export function registerIpc(host: ServiceHost, rendererDir: string, devUrl: string | undefined): void {
  // Calls a window may still cancel, by the window and the id it gave the call.
  const cancellable = new Map<string, AbortController>();
  const key = (senderId: number, callId: unknown) => `${senderId}:${String(callId)}`;

  ipcMain.handle(CALL_CHANNEL, async (event, name: unknown, args: unknown, callId: unknown): Promise<Envelope<unknown>> => {
    if (!isTrustedSender(event.senderFrame?.url, rendererDir, devUrl)) {
      return { ok: false, error: serializeError(new Error('Call refused: it did not come from the application window.')) };
    }
    const window = BrowserWindow.fromWebContents(event.sender);
    const controller = new AbortController();
    const id = Number.isSafeInteger(callId) ? key(event.sender.id, callId) : null;
    if (id) cancellable.set(id, controller);
    // A window that closes wants none of its answers.
    const closed = () => controller.abort();
    event.sender.once('destroyed', closed);
    try {
      return await routeCall(
        host,
        {
          'store.pickAndOpen': ({ mode }) => pickAndOpenStore(host, window, mode),
          'files.pick': (pick) => pickFile(host, window, pick),
          'evaluation.printPdf': (print) => printReportPdf(host, window, print),
          'evaluation.openAttachment': ({ id }) => openAttachment(host, id),
        },
        name,
        args,
        {
          signal: controller.signal,
          onProgress: (progress) => {
            if (!event.sender.isDestroyed()) event.sender.send(PROGRESS_CHANNEL, progress);
          },
        },
      );
    } finally {
      if (id) cancellable.delete(id);
      event.sender.removeListener('destroyed', closed);
    }
  });

  ipcMain.on(CANCEL_CHANNEL, (event, callId: unknown) => cancellable.get(key(event.sender.id, callId))?.abort());

  host.onChanges((change) => {
    for (const window of BrowserWindow.getAllWindows()) {
      if (!window.webContents.isDestroyed()) window.webContents.send(CHANGES_CHANNEL, change);
    }
  });
}
