import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Progress } from '../../main/contract/progress';
import { ServiceHost } from '../../main/host/service-host';
import { builtFile } from '../support/built';
import { resourcesDir, useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();
let host: ServiceHost | undefined;
afterEach(async () => {
  await host?.close();
  host = undefined;
});

function startHost(): ServiceHost {
  host = new ServiceHost(builtFile('main/service-worker.js'), { resourcesDir });
  return host;
}

describe('the worker-thread service host', () => {
  it('opens a store and answers calls, passing progress events through', async () => {
    const h = startHost();
    const opened = await h.open(join(tempDir(), 'host.sqlite'));
    expect(opened).toMatchObject({ ok: true, value: { schemaVersion: expect.any(Number), isEmpty: true } });
    const seen: Progress[] = [];
    const demo = await h.call('demo.load', { scale: 1 }, (p) => seen.push(p));
    expect(demo).toMatchObject({ ok: true, value: { applications: 1504 } });
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((p) => p.call === 'demo.load')).toBe(true);
  });

  it('validates calls inside the worker too', async () => {
    const h = startHost();
    await h.open(join(tempDir(), 'host.sqlite'));
    expect(await h.call('demo.load', { scale: -3 })).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    expect(await h.call('no.such.call', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CALL' } });
  });

  it('reports a refused store as data and keeps serving', async () => {
    const h = startHost();
    const refused = await h.open(join(resourcesDir, 'reference', 'counties.csv'));
    expect(refused).toMatchObject({ ok: false, error: { code: 'STORE_FOREIGN' } });
    expect(await h.call('store.info', {})).toMatchObject({ ok: false, error: { code: 'STORE_UNREADABLE' } });
    expect(await h.open(join(tempDir(), 'ok.sqlite'))).toMatchObject({ ok: true });
  });

  it('fails the calls in flight when the worker dies, then starts a new one on the same store', async () => {
    const h = startHost();
    const path = join(tempDir(), 'crash.sqlite');
    await h.open(path);
    const running = h.call('demo.load', { scale: 20 });
    // Fault injection: kill the worker thread as a native crash would.
    await (h as unknown as { worker: { terminate(): Promise<number> } }).worker.terminate();
    expect(await running).toMatchObject({ ok: false, error: { code: 'HOST_UNAVAILABLE' } });
    const [a, b] = await Promise.all([h.call('store.info', {}), h.call('store.info', {})]);
    expect(a).toMatchObject({ ok: true, value: { path, isEmpty: true } });
    expect(b).toMatchObject({ ok: true, value: { path } });
  });
});
