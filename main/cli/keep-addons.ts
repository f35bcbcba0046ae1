import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { betterSqliteDir, rebuildBesideNode } from '../store/native-binding';

// `node out/main/keep-addons.js [--keep] -- COMMAND ARGS…`, from package.json's start, dev and dist
// scripts: runs a command that rebuilds better-sqlite3 for Electron, then puts the Node.js build
// back so the CLI and the tests keep working. --keep (start, dev) keeps the Electron build beside
// it for the app to load; dist does not, since it may build for another platform than this one.

const argv = process.argv.slice(2);
const keep = argv[0] === '--keep';
const command = argv.slice(argv.indexOf('--') + 1);
if (!argv.includes('--') || command.length === 0) {
  process.stderr.write('usage: keep-addons [--keep] -- COMMAND [ARGS…]\n');
  process.exit(1);
}
const electron = JSON.parse(readFileSync(createRequire(import.meta.url).resolve('electron/package.json'), 'utf8')) as { version: string };
process.exitCode = rebuildBesideNode(betterSqliteDir(), electron.version, keep, () => {
  const result = spawnSync(command[0]!, command.slice(1), { stdio: 'inherit', shell: process.platform === 'win32' });
  return result.status ?? 1;
});
