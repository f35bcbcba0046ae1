import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isAppUrl, isTrustedSender } from '../../main/electron/app-url';

const rendererDir = join('/opt', 'Grantlens', 'resources', 'app', 'out', 'renderer');
const inside = pathToFileURL(join(rendererDir, 'index.html')).href;
const devUrl = 'http://localhost:5173/';

describe('the shell’s URL checks', () => {
  it('accept the app’s own files, with or without a fragment', () => {
    for (const check of [isAppUrl, isTrustedSender]) {
      expect(check(inside, rendererDir, undefined)).toBe(true);
      expect(check(`${inside}#/indicators`, rendererDir, undefined)).toBe(true);
      expect(check(pathToFileURL(join(rendererDir, 'assets', 'index.js')).href, rendererDir, undefined)).toBe(true);
    }
  });

  it.each([
    ['a sibling folder with the same prefix', pathToFileURL(join(rendererDir + '-x', 'index.html')).href],
    ['the folder above', pathToFileURL(join(rendererDir, '..', 'main', 'index.js')).href],
    ['a way out by ..', `${pathToFileURL(rendererDir).href}/../renderer-x/index.html`],
    ['a way out by encoded dots', `${pathToFileURL(rendererDir).href}/%2e%2e/secret.html`],
    ['a file on another host', pathToFileURL(join(rendererDir, 'index.html')).href.replace('file:///', 'file://evil/')],
    ['the web', 'https://example.com/'],
    ['a data URL', 'data:text/html,<b>x</b>'],
    ['no URL at all', 'not a url'],
    ['a dev server on a port with the same prefix', 'http://localhost:51730/'],
  ])('refuse %s', (_what, url) => {
    expect(isAppUrl(url, rendererDir, devUrl)).toBe(false);
    expect(isTrustedSender(url, rendererDir, devUrl)).toBe(false);
  });

  it('accept the dev server only when one is set, and its socket only for requests', () => {
    expect(isAppUrl('http://localhost:5173/src/main.tsx', rendererDir, devUrl)).toBe(true);
    expect(isAppUrl('ws://localhost:5173/', rendererDir, devUrl)).toBe(true);
    expect(isTrustedSender('http://localhost:5173/', rendererDir, devUrl)).toBe(true);
    expect(isTrustedSender('ws://localhost:5173/', rendererDir, devUrl)).toBe(false);
    expect(isAppUrl('http://localhost:5173/', rendererDir, undefined)).toBe(false);
    expect(isTrustedSender(undefined, rendererDir, devUrl)).toBe(false);
  });

  it('let DevTools load but never call the services', () => {
    expect(isAppUrl('devtools://devtools/bundled/inspector.html', rendererDir, undefined)).toBe(true);
    expect(isTrustedSender('devtools://devtools/bundled/inspector.html', rendererDir, undefined)).toBe(false);
  });
});
