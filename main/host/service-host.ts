import { Worker } from 'node:worker_threads';
import { calls, isCallName, mendsByRestore, type PickedFile, type StoreInfo } from '../contract/calls';
import { AppError, type Envelope, type SerializedError } from '../contract/errors';
import type { Progress } from '../contract/progress';
import { storeTables, type StoreChange } from '../contract/tables';
import { FileRegistry } from '../services/file-registry';
import type { HostReply, HostRequest, WorkerData, WorkerSettings } from './protocol';

type Outgoing = HostRequest extends infer R ? (R extends HostRequest ? Omit<R, 'id'> : never) : never;
type Answer = (envelope: Envelope<unknown>) => void;

interface Pending {
  resolve: Answer;
  onProgress?: (progress: Progress) => void;
}

/** One worker thread and what it has been asked and not yet answered. */
class Thread {
  readonly pending = new Map<number, Pending>();
  private readonly worker: Worker;
  private gone = false;

  constructor(file: string, data: WorkerData, onLost: (thread: Thread) => void) {
    this.worker = new Worker(file, { workerData: data });
    this.worker.on('message', (reply: HostReply) => this.receive(reply));
    const lost = (message: string) => {
      if (this.gone) return;
      this.gone = true;
      // Replaced before the calls fail, so that what they set off next goes to the new thread.
      onLost(this);
      const error = new AppError('HOST_UNAVAILABLE', message).toJSON();
      for (const pending of this.pending.values()) pending.resolve({ ok: false, error });
      this.pending.clear();
    };
    this.worker.on('error', (error) => lost(`The data service failed: ${error.message}`));
    this.worker.on('exit', (code) => lost(`The data service stopped (exit code ${code}).`));
  }

  /** Messages reach the thread in order: a call posted after an `open` runs on the store it opened. */
  post(id: number, request: Outgoing, pending?: Pending): void {
    if (pending) this.pending.set(id, pending);
    this.worker.postMessage({ ...request, id } as HostRequest);
  }

  /** Stops the thread wherever it is, even inside a SQLite statement; nothing it was asked is answered. */
  stop(): Promise<number> {
    this.gone = true;
    this.pending.clear();
    return this.worker.terminate();
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
}

interface ReadJob {
  name: string;
  args: unknown;
  onProgress?: (progress: Progress) => void;
  resolve: Answer;
}

class Reader {
  thread: Thread;
  /** The call it is answering; a reader answers one at a time, so none waits behind another. */
  job: ReadJob | null = null;

  constructor(start: (reader: Reader) => Thread) {
    this.thread = start(this);
  }
}

export interface HostOptions {
  /** Reader threads beside the one writer (default 2). */
  readers?: number;
  /**
   * While a store is open, ask for the day's backup this long after it opens and then this often
   * (the shell: a minute, then hourly). The copy is taken only if none was today, so a laptop left
   * running over midnight gets the next day's too. Unset, none is asked for.
   */
  dailyBackup?: { firstMs: number; everyMs: number };
}

/**
 * A cancelled read still running after this long is stopped by terminating its reader. A page is
 * read sooner than a new reader starts, so it is left to finish (its answer dropped); a long count
 * or export is not.
 */
const CANCEL_GRACE_MS = 50;

function cancelled(name: string): Envelope<unknown> {
  return { ok: false, error: new AppError('CANCELLED', `${name} was cancelled.`).toJSON() };
}

/**
 * Runs the services in worker threads: one writer, which answers the calls the contract marks as
 * writing, in turn, and a pool of readers with read-only connections, which answer every other
 * call, each the next one waiting. Under WAL a reader sees the last commit while the writer works,
 * so a page is answered during an import and beside a long count.
 *
 * A read whose caller aborts it fails at once with CANCELLED: waiting, it is dropped; running, its
 * reader is terminated (better-sqlite3 cannot interrupt a statement) and a new one started, unless
 * it finishes within CANCEL_GRACE_MS. If a thread dies, its calls fail with HOST_UNAVAILABLE and a
 * new one takes its place on the same store.
 */
export class ServiceHost {
  private writer: Thread | null = null;
  private readonly readers: Reader[] = [];
  private readonly waiting: ReadJob[] = [];
  private readonly files = new FileRegistry();
  private readonly registered: { path: string; fileId: string }[] = [];
  private readonly changeListeners = new Set<(change: StoreChange) => void>();
  private readonly readerCount: number;
  private nextId = 1;
  private storePath: string | null = null;
  /**
   * Set while the threads are on a store the writer refused as one a restore mends (nothing else was
   * open): they answer its backups and its restore, and every other call with this refusal.
   */
  private refusal: SerializedError | null = null;
  private closed = false;
  private dailyTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly workerFile: string,
    private readonly settings: WorkerSettings,
    private readonly options: HostOptions = {},
  ) {
    this.readerCount = Math.max(1, options.readers ?? 2);
  }

  /** Opens (or switches to) a store: the writer opens and migrates it, then every reader opens it. */
  async open(path: string): Promise<Envelope<StoreInfo>> {
    const envelope = (await this.ask(this.writerThread(), { type: 'open', path })) as Envelope<StoreInfo>;
    if (!envelope.ok) {
      // A store that is open stays open; with none, a damaged one is kept so it can be restored.
      if ((this.storePath === null || this.refusal !== null) && mendsByRestore(envelope.error.code)) this.onStore(path, envelope.error);
      return envelope;
    }
    this.onStore(path, null);
    this.emit({ tables: [...storeTables] });
    this.keepDailyBackups();
    return envelope;
  }

  /** Started once: it asks of whichever store is open when it fires, and skips a refused one. */
  private keepDailyBackups(): void {
    const schedule = this.options.dailyBackup;
    if (!schedule || this.dailyTimer) return;
    const ask = (): void => {
      this.dailyTimer = setTimeout(ask, schedule.everyMs).unref();
      // A failed copy (a full disk, a store being replaced) is asked for again at the next turn.
      if (this.refusal === null) void this.call('backups.create', { reason: 'daily' });
    };
    this.dailyTimer = setTimeout(ask, schedule.firstMs).unref();
  }

  private onStore(path: string, refusal: SerializedError | null): void {
    this.storePath = path;
    this.refusal = refusal;
    for (const reader of this.readers) reader.thread.post(this.nextId++, this.storeRequest(path));
    // Started now, the readers are ready by the time a window asks for its first page.
    while (this.readers.length < this.readerCount) this.addReader();
  }

  /** What a reader is told of the current store: to open it, or that it was refused. */
  private storeRequest(path: string): Outgoing {
    return this.refusal ? { type: 'refused', path, refusal: this.refusal } : { type: 'open', path };
  }

  /** Registers a file the user chose, so calls can name it by id, on every thread, now and restarted. */
  registerFile(path: string): Promise<Envelope<PickedFile>> {
    const picked = this.files.register(path);
    this.registered.push({ path, fileId: picked.fileId });
    for (const thread of this.threads()) thread.post(this.nextId++, { type: 'register-file', path, fileId: picked.fileId });
    return Promise.resolve({ ok: true, value: picked });
  }

  /**
   * Answers a call: a write on the writer, anything else on a reader. A write, once sent, runs to
   * its end whatever the signal says (its transaction is what keeps a store whole).
   */
  call(name: string, args: unknown, onProgress?: (progress: Progress) => void, signal?: AbortSignal): Promise<Envelope<unknown>> {
    if (signal?.aborted) return Promise.resolve(cancelled(name));
    if (isCallName(name) && calls[name].writes) {
      const changes = calls[name].changes;
      return this.ask(this.writerThread(), { type: 'call', name, args }, onProgress).then((envelope) => {
        if (envelope.ok) {
          // A write that may change every table may have replaced the file (a restore swaps it):
          // the readers open it again, or they would go on reading the old one.
          // A refused store restored is open now.
          if (changes.length === storeTables.length && this.storePath) this.onStore(this.storePath, null);
          this.emit({ tables: [...changes] });
        }
        return envelope;
      });
    }
    return new Promise((resolve) => {
      const read: ReadJob = { name, args, onProgress, resolve };
      if (signal) {
        const abort = () => this.abort(read);
        signal.addEventListener('abort', abort, { once: true });
        read.resolve = (envelope) => {
          signal.removeEventListener('abort', abort);
          resolve(envelope);
        };
      }
      this.waiting.push(read);
      this.dispatch();
    });
  }

  /** Told after every write that succeeded, and when a store is opened, which tables changed. */
  onChanges(listener: (change: StoreChange) => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  get currentPath(): string | null {
    return this.storePath;
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.dailyTimer) clearTimeout(this.dailyTimer);
    const readers = this.readers.splice(0);
    await Promise.all(readers.map((reader) => reader.thread.stop()));
    const writer = this.writer;
    if (!writer) return;
    await this.ask(writer, { type: 'close' });
    this.writer = null;
    await writer.stop();
  }

  private ask(thread: Thread, request: Outgoing, onProgress?: (progress: Progress) => void): Promise<Envelope<unknown>> {
    return new Promise((resolve) => thread.post(this.nextId++, request, { resolve, onProgress }));
  }

  private writerThread(): Thread {
    if (this.writer) return this.writer;
    const writer = this.spawn(false, (lost) => {
      if (this.writer === lost) this.writer = null;
    });
    this.writer = writer;
    if (this.storePath) {
      const path = this.storePath;
      void this.ask(writer, { type: 'open', path }).then((reopened) => {
        if (reopened.ok || this.storePath !== path) return;
        if (mendsByRestore(reopened.error.code)) this.onStore(path, reopened.error);
        else this.storePath = null;
      });
    }
    return writer;
  }

  /** A new thread on the current store, with every file registered so far. */
  private spawn(readOnly: boolean, onLost: (thread: Thread) => void): Thread {
    const thread = new Thread(this.workerFile, { ...this.settings, readOnly }, onLost);
    // The writer opens the store itself, to learn whether it still can.
    if (readOnly && this.storePath) thread.post(this.nextId++, this.storeRequest(this.storePath));
    for (const file of this.registered) thread.post(this.nextId++, { type: 'register-file', ...file });
    return thread;
  }

  private addReader(): Reader {
    const reader = new Reader((slot) => this.readerThread(slot));
    this.readers.push(reader);
    return reader;
  }

  private readerThread(reader: Reader): Thread {
    return this.spawn(true, (lost) => {
      if (reader.thread === lost && !this.closed) reader.thread = this.readerThread(reader);
    });
  }

  private dispatch(): void {
    if (this.closed) return;
    while (this.waiting.length > 0) {
      const reader = this.readers.find((candidate) => candidate.job === null) ?? (this.readers.length < this.readerCount ? this.addReader() : null);
      if (!reader) return;
      const read = this.waiting.shift()!;
      const running = reader;
      running.job = read;
      running.thread.post(this.nextId++, { type: 'call', name: read.name, args: read.args }, {
        onProgress: read.onProgress,
        resolve: (envelope) => {
          running.job = null;
          read.resolve(envelope);
          this.dispatch();
        },
      });
    }
  }

  private abort(read: ReadJob): void {
    const queued = this.waiting.indexOf(read);
    if (queued >= 0) {
      this.waiting.splice(queued, 1);
    } else {
      const reader = this.readers.find((candidate) => candidate.job === read);
      if (!reader) return;
      const thread = reader.thread;
      setTimeout(() => {
        if (this.closed || reader.job !== read || reader.thread !== thread) return;
        void thread.stop();
        reader.thread = this.readerThread(reader);
        reader.job = null;
        this.dispatch();
      }, CANCEL_GRACE_MS).unref();
    }
    read.resolve(cancelled(read.name));
    this.dispatch();
  }

  private threads(): Thread[] {
    const readers = this.readers.map((reader) => reader.thread);
    return this.writer ? [this.writer, ...readers] : readers;
  }

  private emit(change: StoreChange): void {
    for (const listener of this.changeListeners) listener(change);
  }
}
