import { cpSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { resourcesDir } from './temp-dir';

/**
 * The shipped resources copied into `dir` with the migrations after `version` taken out: opening a
 * store with them makes a store of that version, as an older Grantlens left it.
 */
export function resourcesThrough(version: number, dir: string): string {
  cpSync(resourcesDir, dir, { recursive: true });
  for (const file of readdirSync(join(dir, 'migrations'))) if (Number(file.slice(0, 4)) > version) rmSync(join(dir, 'migrations', file));
  return dir;
}
