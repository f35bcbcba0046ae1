import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { mendsByRestore } from '../../../main/contract/calls';
import { serializeError, type Envelope } from '../../../main/contract/errors';
import type { Progress } from '../../../main/contract/progress';
import { routeCall, type ShellCalls } from '../../../main/host/route-call';
import { ServiceHost, type HostOptions } from '../../../main/host/service-host';
import type { WorkerSettings } from '../../../main/host/protocol';
import { bridgeClientScript } from './bridge-client';
import { CALL_PATH, CANCEL_PATH, CLIENT_PATH, EVENTS_PATH } from './paths';

export interface BridgeOptions {
  /** The built renderer (out/renderer). */
  rendererDir: string;
  /** The built worker (out/main/service-worker.js), the same one Electron runs. */
  workerFile: string;
  resourcesDir: string;
  storePath: string;
  /** What a native file dialog would return, by what it is for; null is a cancelled dialog. */
  pickFile?: (purpose: 'open' | 'create' | 'import' | 'export') => string | null;
  /** Fault injection for the worker threads (a stalled call). */
  stall?: WorkerSettings['stall'];
  readers?: HostOptions['readers'];
}

export interface Bridge {
  url: string;
  host: ServiceHost;
  /** Every call the page made, in the order answered, and how: 'ok' or the error's code. */
  answered: { name: string; outcome: string }[];
  close(): Promise<void>;
}

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

async function readBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

/**
 * Serves the real built renderer and answers its contract calls with the real services, on
 * 127.0.0.1 only. Shell calls (native dialogs) are answered by `pickFile`, as Electron's dialogs would.
 */
export async function startBridge(options: BridgeOptions): Promise<Bridge> {
  const host = new ServiceHost(options.workerFile, { resourcesDir: options.resourcesDir, stall: options.stall }, { readers: options.readers });
  const opened = await host.open(options.storePath);
  // As the shell does: a store a restore mends is offered for restore in the window.
  if (!opened.ok && !mendsByRestore(opened.error.code)) throw new Error(`bridge could not open ${options.storePath}: ${opened.error.message}`);
  const streams = new Set<ServerResponse>();
  const broadcast = (event: 'progress' | 'changes', payload: unknown) => {
    for (const stream of streams) stream.write(`event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`);
  };
  host.onChanges((change) => broadcast('changes', change));

  const shell: ShellCalls = {
    'store.pickAndOpen': async ({ mode }) => {
      const path = options.pickFile?.(mode) ?? null;
      return path === null ? { ok: true, value: null } : await host.open(path);
    },
    'files.pick': async ({ purpose }) => {
      const path = options.pickFile?.(purpose) ?? null;
      return path === null ? { ok: true, value: null } : await host.registerFile(path);
    },
    // A browser has no print dialog or shell to open files with: the UI tests print with Chromium's page.pdf.
    'evaluation.printPdf': async () => ({ ok: false, error: { code: 'UNKNOWN_CALL', message: 'Printing needs the application window.' } }),
    'evaluation.openAttachment': async () => ({ ok: false, error: { code: 'UNKNOWN_CALL', message: 'Opening a file needs the application window.' } }),
  };
  // Calls a page may still cancel, by the id it gave them (the page's own session and a counter).
  const cancellable = new Map<string, AbortController>();
  const answered: Bridge['answered'] = [];
  const answerCall = async (body: unknown): Promise<Envelope<unknown>> => {
    const { name, args, callId } = body as { name: unknown; args: unknown; callId?: unknown };
    const controller = new AbortController();
    const id = typeof callId === 'string' ? callId : null;
    if (id) cancellable.set(id, controller);
    try {
      const envelope = await routeCall(host, shell, name, args, { signal: controller.signal, onProgress: (progress: Progress) => broadcast('progress', progress) });
      answered.push({ name: String(name), outcome: envelope.ok ? 'ok' : envelope.error.code });
      return envelope;
    } finally {
      if (id) cancellable.delete(id);
    }
  };

  const serveFile = async (pathname: string, response: ServerResponse) => {
    const relative = pathname === '/' ? 'index.html' : decodeURIComponent(pathname.slice(1));
    const file = normalize(join(options.rendererDir, relative));
    if (!file.startsWith(options.rendererDir + sep)) {
      response.writeHead(403).end();
      return;
    }
    try {
      let content: Buffer | string = await readFile(file);
      if (relative === 'index.html') {
        // The bridge's stand-in for the preload must run before the app's module script.
        content = content.toString('utf8').replace('<head>', `<head>\n    <script src="${CLIENT_PATH}"></script>`);
      }
      response.writeHead(200, { 'content-type': contentTypes[extname(file)] ?? 'application/octet-stream' });
      response.end(content);
    } catch {
      response.writeHead(404).end();
    }
  };

  const server = createServer((request, response) => {
    const { pathname } = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (pathname === CLIENT_PATH) {
      response.writeHead(200, { 'content-type': contentTypes['.js']! }).end(bridgeClientScript());
    } else if (pathname === EVENTS_PATH) {
      response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
      response.write(': connected\n\n');
      streams.add(response);
      request.on('close', () => streams.delete(response));
    } else if (pathname === CANCEL_PATH && request.method === 'POST') {
      readBody(request).then(
        (body) => cancellable.get(String((body as { callId?: unknown }).callId))?.abort(),
        () => {},
      );
      response.writeHead(204).end();
    } else if (pathname === CALL_PATH && request.method === 'POST') {
      readBody(request)
        .then(answerCall, (error: unknown) => ({ ok: false, error: serializeError(error) }) as Envelope<unknown>)
        .then((envelope) => response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(envelope)));
    } else if (request.method === 'GET') {
      void serveFile(pathname, response);
    } else {
      response.writeHead(405).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/`,
    host,
    answered,
    async close() {
      for (const stream of streams) stream.end();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await host.close();
    },
  };
}
