import { defineConfig } from '@playwright/test';
import base from '../../playwright.config';

// The frames bench: the UI tests' Chromium and settings, one project, run by `npm run bench:frames`.
export default defineConfig({
  ...base,
  testDir: '.',
  outputDir: '../../test-results/bench-frames',
  timeout: 900_000,
  projects: [{ name: 'frames', testMatch: 'frames.spec.ts' }],
});
