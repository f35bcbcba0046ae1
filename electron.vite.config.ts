import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

const here = (path: string) => resolve(import.meta.dirname, path);

export default defineConfig({
  main: {
    build: {
      rolldownOptions: {
        input: {
          // Electron wiring; the only entry that imports `electron`.
          index: here('main/electron/index.ts'),
          // Plain Node: the data services' worker thread and the headless CLI.
          'service-worker': here('main/host/service-worker.ts'),
          cli: here('main/cli/cli.ts'),
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
      rolldownOptions: { input: here('renderer/index.html') },
    },
    plugins: [react()],
  },
});
