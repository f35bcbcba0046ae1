import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './temp-dir';

/** Tests of the built bundles (CLI, worker) run after `npm run build`, as `npm test` does. */
export function builtFile(relative: string): string {
  const path = join(repoRoot, 'out', relative);
  if (!existsSync(path)) throw new Error(`${path} is missing: run \`npm run build\` before these tests`);
  return path;
}
