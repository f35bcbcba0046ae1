import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chooseNativeBinding, electronAddonPath, nativeBinding, rebuildBesideNode } from '../../main/store/native-binding';
import { useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();

/** A stand-in for node_modules/better-sqlite3 whose build/Release holds the Node.js build. */
function fakeAddon(): { dir: string; release: string } {
  const dir = tempDir();
  const release = join(dir, 'build', 'Release', 'better_sqlite3.node');
  mkdirSync(join(dir, 'build', 'Release'), { recursive: true });
  writeFileSync(release, 'node build');
  return { dir, release };
}

describe('the better-sqlite3 build each runtime loads', () => {
  it('is the default for Node.js, and Electron’s own build beside it for Electron when there is one', () => {
    const dir = '/x/node_modules/better-sqlite3';
    const kept = electronAddonPath(dir, '45.4.1');
    expect(kept).toBe(join(dir, 'build', 'electron-45.4.1', 'better_sqlite3.node'));
    expect(chooseNativeBinding({}, dir, () => true)).toBeUndefined();
    expect(chooseNativeBinding({ electron: '45.4.1' }, dir, (path) => path === kept)).toBe(kept);
    // A packaged app has only the Electron build, in the default place.
    expect(chooseNativeBinding({ electron: '45.4.1' }, dir, () => false)).toBeUndefined();
    // This test runs on Node.js.
    expect(nativeBinding()).toBeUndefined();
  });

  it('keeps what the Electron rebuild made beside the Node.js build, puts that back, and does not rebuild again', () => {
    const { dir, release } = fakeAddon();
    let rebuilds = 0;
    const rebuild = () => {
      rebuilds++;
      writeFileSync(release, 'electron build');
      return 0;
    };
    expect(rebuildBesideNode(dir, '45.4.1', true, rebuild)).toBe(0);
    expect(readFileSync(release, 'utf8')).toBe('node build');
    expect(readFileSync(electronAddonPath(dir, '45.4.1'), 'utf8')).toBe('electron build');
    expect(rebuildBesideNode(dir, '45.4.1', true, rebuild)).toBe(0);
    expect(rebuilds).toBe(1);
    // Another Electron is another build.
    rebuildBesideNode(dir, '46.0.0', true, rebuild);
    expect(rebuilds).toBe(2);
  });

  it('puts the Node.js build back when the rebuild fails or throws, and keeps nothing', () => {
    const { dir, release } = fakeAddon();
    expect(
      rebuildBesideNode(dir, '45.4.1', true, () => {
        writeFileSync(release, 'half a build');
        return 1;
      }),
    ).toBe(1);
    expect(() =>
      rebuildBesideNode(dir, '45.4.1', true, () => {
        writeFileSync(release, 'half a build');
        throw new Error('no network');
      }),
    ).toThrow(/no network/);
    expect(readFileSync(release, 'utf8')).toBe('node build');
    expect(existsSync(electronAddonPath(dir, '45.4.1'))).toBe(false);
  });

  it('without keep (dist, which may build for another platform), only puts the Node.js build back', () => {
    const { dir, release } = fakeAddon();
    expect(rebuildBesideNode(dir, '45.4.1', false, () => (writeFileSync(release, 'windows build'), 0))).toBe(0);
    expect(readFileSync(release, 'utf8')).toBe('node build');
    expect(existsSync(electronAddonPath(dir, '45.4.1'))).toBe(false);
  });
});
