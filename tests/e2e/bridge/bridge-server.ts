import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import type { Args } from '../../../main/contract/calls';
import { serializeError, type Envelope } from '../../../main/contract/errors';
import type { Progress } from '../../../main/contract/progress';
import { validateCall } from '../../../main/contract/validate';
import { ServiceHost } from '../../../main/host/service-host';
import { bridgeClientScript } from './bridge-client';
import { CALL_PATH, CLIENT_PATH, EVENTS_PATH } from './paths';

export interface BridgeOptions {
  /** The built renderer (out/renderer). */
  rendererDir: string;
  /** The built worker (out/main/service-worker.js), the same one Electron runs. */
  workerFile: string;
  resourcesDir: string;
  storePath: string;
  /** What a native file dialog would return, by what it is for; null is a cancelled dialog. */
  pickFile?: (purpose: 'open' | 'create' | 'import' | 'export') => string | null;
}

export interface Bridge {
  url: string;
  host: ServiceHost;
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
  const host = new ServiceHost(options.workerFile, { resourcesDir: options.resourcesDir });
  const opened = await host.open(options.storePath);
  if (!opened.ok) throw new Error(`bridge could not open ${options.storePath}: ${opened.error.message}`);
  const streams = new Set<ServerResponse>();
  const broadcast = (progress: Progress) => {
    for (const stream of streams) stream.write(`data: ${JSON.stringify(progress)}\n\n`);
  };

  const answerCall = async (body: unknown): Promise<Envelope<unknown>> => {
    try {
      const { name, args } = body as { name: unknown; args: unknown };
      const call = validateCall(name, args);
      if (call.name === 'store.pickAndOpen') {
        const path = options.pickFile?.((call.args as Args<'store.pickAndOpen'>).mode) ?? null;
        return path === null ? { ok: true, value: null } : await host.open(path);
      }
      if (call.name === 'files.pick') {
        const path = options.pickFile?.((call.args as Args<'files.pick'>).purpose) ?? null;
        return path === null ? { ok: true, value: null } : await host.registerFile(path);
      }
      return await host.call(call.name, call.args, broadcast);
    } catch (error) {
      return { ok: false, error: serializeError(error) };
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
    async close() {
      for (const stream of streams) stream.end();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await host.close();
    },
  };
}
