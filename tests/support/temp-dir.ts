import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach } from 'vitest';

export const repoRoot = resolve(import.meta.dirname, '..', '..');
export const resourcesDir = join(repoRoot, 'resources');

/** A fresh folder per test, removed afterwards: every test works on real SQLite files of its own. */
export function useTempDir(): () => string {
  const made: string[] = [];
  afterEach(() => {
    for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  return () => {
    const dir = mkdtempSync(join(tmpdir(), 'grantlens-test-'));
    made.push(dir);
    return dir;
  };
}
