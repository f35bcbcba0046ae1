import { join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { serializeError, type Envelope } from '../contract/errors';
import { Services } from '../services/services';
import type { HostReply, HostRequest, WorkerSettings } from './protocol';

// better-sqlite3 is synchronous: running it here keeps a long import or cross-tab from freezing
// the main process and, with it, every window.

/** Calls slower than this are logged: a frame is 16 ms, and a UI call should not take several. */
const SLOW_CALL_MS = 40;

const port = parentPort!;
const settings = workerData as WorkerSettings;
// This entry's bundle lies in out/main/, beside the parse worker's.
const services = new Services({ resourcesDir: settings.resourcesDir, parseWorkerFile: join(import.meta.dirname, 'csv-parse-worker.js') });

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

async function handle(request: HostRequest): Promise<void> {
  switch (request.type) {
    case 'open':
      reply({ type: 'done', id: request.id, envelope: attempt(() => services.open(request.path)) });
      break;
    case 'register-file':
      reply({ type: 'done', id: request.id, envelope: attempt(() => services.registerFile(request.path)) });
      break;
    case 'call': {
      const started = performance.now();
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

// One request at a time, in arrival order: the store has one connection and calls must not interleave.
let queue = Promise.resolve();
port.on('message', (request: HostRequest) => {
  queue = queue.then(() => handle(request));
});
