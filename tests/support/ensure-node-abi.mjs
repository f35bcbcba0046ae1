// `npm start` rebuilds better-sqlite3 for Electron's ABI; the tests and the CLI run on Node.js.
// This puts the Node.js build back when needed, so both ways of running keep working.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

try {
  const Database = require('better-sqlite3');
  new Database(':memory:').close();
} catch (error) {
  const text = `${error?.code ?? ''} ${error?.message ?? error}`;
  if (!/NODE_MODULE_VERSION|ERR_DLOPEN_FAILED|did not self-register/.test(text)) throw error;
  console.log('better-sqlite3 is built for Electron; rebuilding it for Node.js for the tests and the CLI…');
  const result = spawnSync('npm', ['rebuild', 'better-sqlite3'], { stdio: 'inherit', shell: process.platform === 'win32' });
  process.exit(result.status ?? 1);
}
