import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { FuseV1Options, FuseVersion } from '@electron/fuses';
import { describe, expect, it, vi } from 'vitest';
import { callNames } from '../../main/contract/calls';
import { CALL_CHANNEL, CHANGES_CHANNEL, PROGRESS_CHANNEL } from '../../main/contract/channels';
import { repoRoot } from '../support/temp-dir';

// What the preload exposes, caught at the one place it can leave: contextBridge.
const exposed = vi.hoisted(() => ({ worlds: new Map<string, Record<string, unknown>>(), invoked: [] as unknown[][], listened: [] as string[] }));
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: Record<string, unknown>) => exposed.worlds.set(key, api) },
  ipcRenderer: {
    invoke: (...args: unknown[]) => {
      exposed.invoked.push(args);
      return Promise.resolve(null);
    },
    on: (channel: string) => exposed.listened.push(channel),
    removeListener: () => {},
  },
}));

interface BuildConfig {
  asar: boolean;
  asarUnpack: string[];
  afterPack: string;
  files: string[];
  extraResources: { from: string; to: string }[];
}

const packageJson = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { build: BuildConfig; scripts: Record<string, string> };

describe('the packaged build', () => {
  const build = packageJson.build;

  it('packs the app into app.asar, with native modules unpacked and shipped data beside it', () => {
    expect(build.asar).toBe(true);
    expect(build.asarUnpack).toContain('**/*.node');
    expect(build.extraResources.map((resource) => resource.to).sort()).toEqual(['migrations', 'reference']);
  });

  it('sets every fuse in its afterPack hook: no Node mode, no NODE_OPTIONS or --inspect, a checked asar only', async () => {
    const hook = (await import(pathToFileURL(join(repoRoot, build.afterPack)).href)) as {
      fuses: Record<string, unknown>;
      afterPack: (context: unknown) => Promise<void>;
    };
    const decided = (names: (keyof typeof FuseV1Options)[], value: boolean) =>
      names.map((name) => [name, hook.fuses[FuseV1Options[name]]] as const).filter(([, set]) => set !== value);
    expect(hook.fuses.version).toBe(FuseVersion.V1);
    expect(decided(['RunAsNode', 'EnableNodeOptionsEnvironmentVariable', 'EnableNodeCliInspectArguments', 'LoadBrowserProcessSpecificV8Snapshot'], false)).toEqual([]);
    expect(decided(['EnableCookieEncryption', 'EnableEmbeddedAsarIntegrityValidation', 'OnlyLoadAppFromAsar', 'GrantFileProtocolExtraPrivileges'], true)).toEqual([]);
    // Every fuse this version of @electron/fuses knows is decided, none left to Electron's default.
    const known = Object.values(FuseV1Options).filter((value) => typeof value === 'number');
    expect(Object.keys(hook.fuses).filter((key) => key !== 'version').map(Number).sort()).toEqual(known.sort());
    // The hook hands exactly that list to electron-builder, which knows each platform's binary.
    const flipped: unknown[] = [];
    const context = { packager: { addElectronFuses: (ctx: unknown, fuses: unknown) => flipped.push(ctx, fuses) } };
    await hook.afterPack(context);
    expect(flipped).toEqual([context, hook.fuses]);
  });

  it('runs electronegativity in npm test', () => {
    expect(packageJson.scripts['lint:shell']).toBeDefined();
    expect(packageJson.scripts.test).toMatch(/npm run lint:shell/);
  });
});

describe('the preload', () => {
  it('exposes exactly the contract’s calls, cancel and the progress and change listeners, each call over the one call channel', async () => {
    await import('../../preload/index');
    expect([...exposed.worlds.keys()]).toEqual(['grantlens']);
    const api = exposed.worlds.get('grantlens')!;
    expect(Object.keys(api).sort()).toEqual([...callNames, 'cancel', 'onChanges', 'onProgress'].sort());
    for (const name of callNames) {
      expect(typeof api[name]).toBe('function');
      await (api[name] as (args: unknown) => Promise<unknown>)({ probe: name });
    }
    expect(exposed.invoked).toEqual(callNames.map((name) => [CALL_CHANNEL, name, { probe: name }, undefined]));
    (api.onProgress as (listener: () => void) => () => void)(() => {})();
    (api.onChanges as (listener: () => void) => () => void)(() => {})();
    expect(exposed.listened).toEqual([PROGRESS_CHANNEL, CHANGES_CHANNEL]);
  });
});
