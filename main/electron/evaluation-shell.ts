import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { BrowserWindow, shell } from 'electron';
import type { Args, Result } from '../contract/calls';
import { unwrap, type Envelope } from '../contract/errors';
import type { ServiceHost } from '../host/service-host';
import { shellTempDir } from './app-paths';
import { askSave, shellText } from './dialogs';

// The evaluation section's two calls that need the shell: printing the report to PDF with
// Chromium's printToPDF, and opening an attachment's temporary copy in the system's program.

/** The services write the report's HTML into the shell's folder; a hidden window without scripts prints it. */
export async function printReportPdf(host: ServiceHost, window: BrowserWindow | null, args: Args<'evaluation.printPdf'>): Promise<Envelope<Result<'evaluation.printPdf'>>> {
  const path = await askSave(window, { title: shellText().printPdfTitle, filters: [{ name: 'PDF', extensions: ['pdf'] }], defaultPath: args.caseNumber ? `utvardering-${args.caseNumber}.pdf` : 'utvarderingar.pdf' });
  if (!path) return { ok: true, value: null };
  mkdirSync(shellTempDir(), { recursive: true });
  const page = join(shellTempDir(), `report-${process.pid}-${Date.now()}.html`);
  const printer = new BrowserWindow({ show: false, webPreferences: { javascript: false, sandbox: true, contextIsolation: true, nodeIntegration: false, disableBlinkFeatures: 'Auxclick' } });
  try {
    const { fileId } = unwrap<{ fileId: string }>(await host.registerFile(page));
    const written = unwrap<Result<'evaluation.report'>>(await host.call('evaluation.report', { ...args, fileId }));
    await printer.loadFile(page);
    const pdf = await printer.webContents.printToPDF({ pageSize: 'A4', printBackground: true });
    const temp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
    writeFileSync(temp, pdf);
    renameSync(temp, path);
    return { ok: true, value: { bytes: pdf.length, grants: written.grants } };
  } finally {
    printer.destroy();
    rmSync(page, { force: true });
  }
}

export async function openAttachment(host: ServiceHost, id: number): Promise<Envelope<Result<'evaluation.openAttachment'>>> {
  const attachment = unwrap<Result<'evaluation.attachment'>>(await host.call('evaluation.attachment', { id }));
  const folder = join(shellTempDir(), 'attachments', attachment.sha256);
  mkdirSync(folder, { recursive: true });
  const copy = join(folder, basename(attachment.name));
  writeFileSync(copy, Buffer.from(attachment.contentBase64, 'base64'));
  // openPath answers with an error message, empty when the system opened it.
  return { ok: true, value: { opened: (await shell.openPath(copy)) === '' } };
}
