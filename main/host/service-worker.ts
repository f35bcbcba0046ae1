import { join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { serializeError, type Envelope } from '../contract/errors';
import { Services } from '../services/services';
import type { HostReply, HostRequest, WorkerData } from './protocol';

// better-sqlite3 is synchronous: running it here keeps a long import or cross-tab from freezing
// the main process and, with it, every window. The host runs one writer and a few readers of this.

/** Calls slower than this are logged: a frame is 16 ms, and a UI call should not take several. */
const SLOW_CALL_MS = 40;

const port = parentPort!;
const data = workerData as WorkerData;
const services = new Services({
  resourcesDir: data.resourcesDir,
  readOnly: data.readOnly,
  // This entry's bundle lies in out/main/, beside the parse worker's; only the writer imports.
  parseWorkerFile: data.readOnly ? undefined : join(import.meta.dirname, 'csv-parse-worker.js'),
});

function reply(message: HostReply): void {
  port.postMessage(message);
}

function attempt(run: () => unknown): Envelope<unknown> {
  try {
    return { ok: true, value: run() };
  } catch (error) {
    return { ok: false, error: serializeError(error) };
  }
}

function stall(ms: number): void {
  const counting = new Database(':memory:').prepare(
    'WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000) SELECT count(*) FROM n',
  );
  const until = performance.now() + ms;
  while (performance.now() < until) counting.get();
}

async function handle(request: HostRequest): Promise<void> {
  switch (request.type) {
    case 'open':
      // A reader that cannot open the new store must not go on answering from the old one.
      if (data.readOnly) services.close();
      reply({ type: 'done', id: request.id, envelope: attempt(() => services.open(request.path)) });
      break;
    case 'refused':
      reply({ type: 'done', id: request.id, envelope: attempt(() => services.adoptRefused(request.path, request.refusal)) });
      break;
    case 'register-file':
      reply({ type: 'done', id: request.id, envelope: attempt(() => services.registerFile(request.path, request.fileId)) });
      break;
    case 'call': {
      const started = performance.now();
      if (data.stall?.call === request.name) stall(data.stall.ms);
      const envelope = await services.call(request.name, request.args, (progress) =>
        reply({ type: 'progress', id: request.id, progress }),
      );
      const elapsed = performance.now() - started;
      if (elapsed > SLOW_CALL_MS) console.warn(`grantlens: slow call ${request.name} took ${Math.round(elapsed)} ms`);
      reply({ type: 'done', id: request.id, envelope });
      break;
    }
    case 'close':
      services.close();
      reply({ type: 'done', id: request.id, envelope: { ok: true, value: null } });
      port.close();
      break;
  }
}

// One request at a time, in arrival order: a thread has one connection and calls must not interleave.
let queue = Promise.resolve();
port.on('message', (request: HostRequest) => {
  queue = queue.then(() => handle(request));
});
