import { copyFileSync, existsSync, mkdirSync, renameSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

// better-sqlite3 is a native addon, built for one ABI: Node.js's (the CLI, the tests) or Electron's
// (the app). Rebuilding it in place for one broke the other, so the Electron build is kept beside
// the Node.js one (main/electron/keep-addons.ts puts it there) and each runtime loads its own.

/** Where the Electron build for `electronVersion` is kept, beside better-sqlite3's own build/Release. */
export function electronAddonPath(addonDir: string, electronVersion: string): string {
  return join(addonDir, 'build', `electron-${electronVersion}`, 'better_sqlite3.node');
}

/**
 * The addon for the runtime these versions describe: Node.js loads better-sqlite3's default build;
 * Electron its own, when it is there (a packaged app has only the Electron build, in the default place).
 */
export function chooseNativeBinding(versions: { electron?: string }, addonDir: string, exists: (path: string) => boolean = existsSync): string | undefined {
  if (!versions.electron) return undefined;
  const path = electronAddonPath(addonDir, versions.electron);
  return exists(path) ? path : undefined;
}

export function betterSqliteDir(): string {
  return dirname(createRequire(import.meta.url).resolve('better-sqlite3/package.json'));
}

/** For `new Database(path, { nativeBinding })` in this process. */
export function nativeBinding(): string | undefined {
  return chooseNativeBinding(process.versions, betterSqliteDir());
}

/**
 * Runs `rebuild`, which rebuilds better-sqlite3 for Electron in place (electron-builder's
 * install-app-deps, or its packaging), and puts the Node.js build back afterwards, whatever happened.
 * With `keep`, what it built is kept as the Electron build beside the Node.js one, and a later call
 * finds it there and does not rebuild. Resolves to the rebuild's exit code.
 */
export function rebuildBesideNode(addonDir: string, electronVersion: string, keep: boolean, rebuild: () => number): number {
  const release = join(addonDir, 'build', 'Release', 'better_sqlite3.node');
  const kept = electronAddonPath(addonDir, electronVersion);
  if (keep && existsSync(kept)) return 0;
  const nodeBuild = `${release}.node-build`;
  copyFileSync(release, nodeBuild);
  try {
    const status = rebuild();
    if (status === 0 && keep) {
      mkdirSync(dirname(kept), { recursive: true });
      copyFileSync(release, kept);
    }
    return status;
  } finally {
    renameSync(nodeBuild, release);
  }
}
