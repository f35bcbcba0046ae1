import { chmodSync } from 'node:fs';
import { join, resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';

const here = (path: string) => resolve(import.meta.dirname, path);

/**
 * React's fast refresh injects an inline script that the strict CSP in index.html forbids. Only
 * the dev server relaxes it; the built app keeps `script-src 'self'`.
 */
const devServerCsp: Plugin = {
  name: 'grantlens-dev-server-csp',
  apply: 'serve',
  transformIndexHtml: (html) => html.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'"),
};

/**
 * `npm install` marks the package's bin executable, but each build writes out/main/cli.js anew
 * without the bit, and `npx grantlens` then answers "Permission denied".
 */
const executableCli: Plugin = {
  name: 'grantlens-executable-cli',
  writeBundle(options, bundle) {
    if ('cli.js' in bundle && options.dir) chmodSync(join(options.dir, 'cli.js'), 0o755);
  },
};

export default defineConfig({
  main: {
    plugins: [executableCli],
    build: {
      rolldownOptions: {
        input: {
          // Electron wiring; the only entry that imports `electron`.
          index: here('main/electron/index.ts'),
          // Plain Node: the data services' worker thread and the headless CLI.
          'service-worker': here('main/host/service-worker.ts'),
          cli: here('main/cli/cli.ts'),
          // Reads large CSV files of indicator values beside the thread that writes them.
          'csv-parse-worker': here('main/importers/indicators/csv-parse-worker.ts'),
          // Run by the start, dev and dist scripts around Electron's rebuild of better-sqlite3.
          'keep-addons': here('main/cli/keep-addons.ts'),
        },
      },
    },
  },
  preload: {
    // A sandboxed preload cannot load modules: bundle everything it uses into one CommonJS file.
    build: {
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: here('preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: here('renderer'),
    build: {
      // electron-vite leaves bundles unminified; the renderer's is parsed on every start.
      minify: true,
      rolldownOptions: { input: here('renderer/index.html') },
    },
    plugins: [react(), devServerCsp],
  },
});
