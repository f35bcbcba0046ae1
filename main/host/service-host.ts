import { Worker } from 'node:worker_threads';
import type { PickedFile, StoreInfo } from '../contract/calls';
import { AppError, type Envelope } from '../contract/errors';
import type { Progress } from '../contract/progress';
import type { HostReply, HostRequest, WorkerSettings } from './protocol';

type Pending = {
  resolve: (envelope: Envelope<unknown>) => void;
  onProgress?: (progress: Progress) => void;
};

type Outgoing = HostRequest extends infer R ? (R extends HostRequest ? Omit<R, 'id'> : never) : never;

/**
 * Runs the services in a worker thread and talks to it by messages. If the worker dies, the calls
 * in flight fail with HOST_UNAVAILABLE and the next call starts a new worker on the same store.
 */
export class ServiceHost {
  private worker: Worker | null = null;
  private starting: Promise<void> | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private storePath: string | null = null;

  constructor(
    private readonly workerFile: string,
    private readonly settings: WorkerSettings,
  ) {}

  async open(path: string): Promise<Envelope<StoreInfo>> {
    const envelope = (await this.send({ type: 'open', path })) as Envelope<StoreInfo>;
    if (envelope.ok) this.storePath = path;
    return envelope;
  }

  /** Registers a file the user chose, so calls can name it by id. Ids do not survive a worker restart. */
  registerFile(path: string): Promise<Envelope<PickedFile>> {
    return this.send({ type: 'register-file', path }) as Promise<Envelope<PickedFile>>;
  }

  call(name: string, args: unknown, onProgress?: (progress: Progress) => void): Promise<Envelope<unknown>> {
    return this.send({ type: 'call', name, args }, onProgress);
  }

  get currentPath(): string | null {
    return this.storePath;
  }

  async close(): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    await this.send({ type: 'close' });
    this.worker = null;
    await worker.terminate();
  }

  private async send(request: Outgoing, onProgress?: (progress: Progress) => void): Promise<Envelope<unknown>> {
    if (!this.worker) {
      // Calls that arrive together after a crash must share one new worker, not start one each.
      this.starting ??= this.start().finally(() => {
        this.starting = null;
      });
      await this.starting;
    }
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, { resolve, onProgress });
      this.worker!.postMessage({ ...request, id } as HostRequest);
    });
  }

  private async start(): Promise<void> {
    const worker = new Worker(this.workerFile, { workerData: this.settings });
    this.worker = worker;
    worker.on('message', (reply: HostReply) => this.receive(reply));
    worker.on('error', (error) => this.lost(worker, `The data service failed: ${error.message}`));
    worker.on('exit', (code) => this.lost(worker, `The data service stopped (exit code ${code}).`));
    if (this.storePath) {
      const reopened = await this.send({ type: 'open', path: this.storePath });
      if (!reopened.ok) this.storePath = null;
    }
  }

  private receive(reply: HostReply): void {
    const pending = this.pending.get(reply.id);
    if (!pending) return;
    if (reply.type === 'progress') {
      pending.onProgress?.(reply.progress);
      return;
    }
    this.pending.delete(reply.id);
    pending.resolve(reply.envelope);
  }

  private lost(worker: Worker, message: string): void {
    if (this.worker !== worker) return;
    this.worker = null;
    const error = new AppError('HOST_UNAVAILABLE', message).toJSON();
    for (const [id, pending] of this.pending) {
      this.pending.delete(id);
      pending.resolve({ ok: false, error });
    }
  }
}
