// The tests and the CLI load better-sqlite3's default build, which must be Node.js's. `npm start`
// keeps Electron's build beside it (main/store/native-binding.ts) and never replaces it; this only
// mends a checkout where something rebuilt it in place for Electron (an `npm start` from before that,
// or a bare `electron-builder install-app-deps`).
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

try {
  const Database = require('better-sqlite3');
  new Database(':memory:').close();
} catch (error) {
  const text = `${error?.code ?? ''} ${error?.message ?? error}`;
  if (!/NODE_MODULE_VERSION|ERR_DLOPEN_FAILED|did not self-register/.test(text)) throw error;
  console.log('better-sqlite3 was rebuilt in place for Electron; rebuilding it for Node.js for the tests and the CLI…');
  const result = spawnSync('npm', ['rebuild', 'better-sqlite3'], { stdio: 'inherit', shell: process.platform === 'win32' });
  process.exit(result.status ?? 1);
}
