import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from './fixtures';

// The renderer reaches nothing but its own contract calls: the page's Content-Security-Policy
// stops every request elsewhere, and the page has no Node. A second loopback server stands in for
// "the network" and counts what reaches it. window.open and navigation are refused by the shell
// (main/electron/security.ts), which the bridge does not run: tests/electron covers those.

let network: Server;
let hits: string[] = [];
let networkUrl = '';

test.beforeAll(async () => {
  network = createServer((request, response) => {
    hits.push(`${request.method} ${request.url}`);
    response.writeHead(200, { 'access-control-allow-origin': '*' }).end('leaked');
  });
  network.on('upgrade', (request, socket) => {
    hits.push(`UPGRADE ${request.url}`);
    socket.destroy();
  });
  await new Promise<void>((resolve) => network.listen(0, '127.0.0.1', resolve));
  networkUrl = `127.0.0.1:${(network.address() as AddressInfo).port}`;
});

test.afterAll(async () => {
  await new Promise<void>((resolve) => network.close(() => resolve()));
});

test.beforeEach(() => {
  hits = [];
});

test('the page cannot reach the network, the file system or Node', async ({ app, page }) => {
  await expect(app.heading()).toBeVisible();
  const outcomes = await page.evaluate(async (host) => {
    const settle = (attempt: () => Promise<unknown>) =>
      attempt().then(
        () => 'reached',
        () => 'blocked',
      );
    const loads = (element: HTMLImageElement | HTMLScriptElement, url: string) =>
      new Promise<string>((resolve) => {
        element.onload = () => resolve('reached');
        element.onerror = () => resolve('blocked');
        element.src = url;
        document.body.append(element);
      });
    const socket = (url: string) =>
      new Promise<string>((resolve) => {
        try {
          const ws = new WebSocket(url);
          ws.onopen = () => resolve('reached');
          ws.onerror = () => resolve('blocked');
        } catch {
          resolve('blocked');
        }
      });
    const events = (url: string) =>
      new Promise<string>((resolve) => {
        const source = new EventSource(url);
        source.onopen = () => resolve('reached');
        source.onerror = () => {
          source.close();
          resolve('blocked');
        };
      });
    const xhr = (url: string) =>
      new Promise<string>((resolve) => {
        const request = new XMLHttpRequest();
        request.onload = () => resolve('reached');
        request.onerror = () => resolve('blocked');
        try {
          request.open('GET', url);
          request.send();
        } catch {
          resolve('blocked');
        }
      });
    const worker = () =>
      new Promise<string>((resolve) => {
        try {
          const started = new Worker(URL.createObjectURL(new Blob(['postMessage(1)'], { type: 'text/javascript' })));
          started.onmessage = () => resolve('reached');
          started.onerror = () => resolve('blocked');
        } catch {
          resolve('blocked');
        }
      });
    const inline = () => {
      const script = document.createElement('script');
      script.textContent = 'window.__inlineRan = true';
      document.body.append(script);
      return (window as unknown as { __inlineRan?: boolean }).__inlineRan ? 'reached' : 'blocked';
    };
    const beacon = () => {
      try {
        return navigator.sendBeacon(`http://${host}/beacon`, 'x') ? 'queued' : 'blocked';
      } catch {
        return 'blocked';
      }
    };
    const scope = window as unknown as Record<string, unknown>;
    return {
      fetchLoopback: await settle(() => fetch(`http://${host}/fetch`)),
      fetchWeb: await settle(() => fetch('https://example.com/')),
      fetchFile: await settle(() => fetch('file:///etc/passwd')),
      xhr: await xhr(`http://${host}/xhr`),
      xhrFile: await xhr('file:///etc/passwd'),
      webSocket: await socket(`ws://${host}/socket`),
      eventSource: await events(`http://${host}/events`),
      image: await loads(new Image(), `http://${host}/image.png`),
      imageFile: await loads(new Image(), 'file:///usr/share/pixmaps/debian-logo.png'),
      script: await loads(document.createElement('script'), `http://${host}/script.js`),
      inlineScript: inline(),
      blobWorker: await worker(),
      beacon: beacon(),
      node: {
        require: typeof scope.require,
        process: typeof scope.process,
        module: typeof scope.module,
        Buffer: typeof scope.Buffer,
        global: typeof scope.global,
        ipcRenderer: typeof scope.ipcRenderer,
      },
    };
  }, networkUrl);

  expect(outcomes).toEqual({
    fetchLoopback: 'blocked',
    fetchWeb: 'blocked',
    fetchFile: 'blocked',
    xhr: 'blocked',
    xhrFile: 'blocked',
    webSocket: 'blocked',
    eventSource: 'blocked',
    image: 'blocked',
    imageFile: 'blocked',
    script: 'blocked',
    inlineScript: 'blocked',
    blobWorker: 'blocked',
    // A beacon is queued, not sent, when the policy refuses it; the count below is what matters.
    beacon: expect.stringMatching(/^(blocked|queued)$/),
    node: { require: 'undefined', process: 'undefined', module: 'undefined', Buffer: 'undefined', global: 'undefined', ipcRenderer: 'undefined' },
  });
  // The app still answers its own calls.
  await expect(app.heading()).toBeVisible();
  expect(hits).toEqual([]);
  // Each refusal above is a CSP violation, which Chromium reports as a console error; they are the
  // point of this test, so they are taken off the fixture's list of problems, and nothing else is.
  const unexpected = app.problems.filter((problem) => !/Content Security Policy|Not allowed to load local resource|ERR_|Failed to load resource|WebSocket|EventSource/i.test(problem));
  expect(unexpected).toEqual([]);
  app.problems.splice(0);
  // Chromium announces some of the refused requests before the policy stops them; none reached the
  // network (hits is empty), and none is anything but one of the attempts above.
  expect(app.foreignRequests.filter((url) => !url.startsWith(`http://${networkUrl}/`) && !url.startsWith('file:///'))).toEqual([]);
  app.foreignRequests.splice(0);
});
