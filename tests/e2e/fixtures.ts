import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Locator, type Page } from '@playwright/test';
import type { WorkerSettings } from '../../main/host/protocol';
import { DEMO_BASE_DAY } from '../../main/services/demo/demo-calendar';
import { startBridge, type Bridge } from './bridge/bridge-server';

const repoRoot = resolve(import.meta.dirname, '..', '..');
export const screenshotsDir = join(repoRoot, 'test-results', 'screenshots');

export interface AppOptions {
  /** Load demo data into the store before the page opens, dated around the demo's base day or the day given. */
  demo: boolean | string;
  /** A prepared store file (a large one, built once per test file) copied in as the test's store. */
  seedStore: string | null;
  /** Fault injection: a call the data threads take this long to answer, as a long count would. */
  stall: WorkerSettings['stall'] | null;
  /** Makes the store file before the app starts on it (with backups beside it, damaged, …). */
  prepareStore: ((storePath: string) => void) | null;
}

/** What the stand-in for the native file dialog hands out next, by mode; null is a cancelled dialog. */
export type Picks = { open: string | null; create: string | null; import: string | null; export: string | null };

interface AppFixtures {
  workDir: string;
  picks: Picks;
  bridge: Bridge;
  app: GrantlensApp;
}

/** A page object: what a user sees and does, in the words on screen. */
export class GrantlensApp {
  readonly foreignRequests: string[] = [];
  readonly problems: string[] = [];

  constructor(
    readonly page: Page,
    readonly bridge: Bridge,
  ) {}

  nav(name: string | RegExp) {
    return this.page.getByRole('navigation').getByRole('button', { name });
  }

  async goTo(name: string | RegExp): Promise<void> {
    await this.nav(name).click();
  }

  heading() {
    return this.page.getByRole('heading', { level: 1 });
  }

  figure(testId: string) {
    return this.page.getByTestId(testId).locator('dd');
  }
}

export const test = base.extend<AppFixtures & AppOptions>({
  demo: [false, { option: true }],
  seedStore: [null, { option: true }],
  stall: [null, { option: true }],
  prepareStore: [null, { option: true }],
  picks: async ({}, use) => {
    await use({ open: null, create: null, import: null, export: null });
  },
  workDir: async ({}, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'grantlens-e2e-'));
    await use(dir);
    rmSync(dir, { recursive: true, force: true });
  },
  bridge: async ({ workDir, demo, picks, seedStore, stall, prepareStore }, use) => {
    if (seedStore) copyFileSync(seedStore, join(workDir, 'store.sqlite'));
    prepareStore?.(join(workDir, 'store.sqlite'));
    const bridge = await startBridge({
      rendererDir: join(repoRoot, 'out', 'renderer'),
      workerFile: join(repoRoot, 'out', 'main', 'service-worker.js'),
      resourcesDir: join(repoRoot, 'resources'),
      storePath: join(workDir, 'store.sqlite'),
      pickFile: (purpose) => picks[purpose],
      stall: stall ?? undefined,
    });
    if (demo) {
      const loaded = await bridge.host.call('demo.load', { today: demo === true ? DEMO_BASE_DAY : demo });
      if (!loaded.ok) throw new Error(loaded.error.message);
    }
    await use(bridge);
    await bridge.close();
  },
  app: async ({ page, bridge }, use) => {
    const app = new GrantlensApp(page, bridge);
    const origin = new URL(bridge.url).origin;
    page.on('request', (request) => {
      const url = request.url();
      if (!url.startsWith(`${origin}/`) && !url.startsWith('data:')) app.foreignRequests.push(url);
    });
    page.on('pageerror', (error) => app.problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') app.problems.push(`console error: ${message.text()}`);
    });
    await page.goto(bridge.url);
    await use(app);
    // Every test also checks that nothing left the app's origin and that nothing broke on the
    // page, including Content-Security-Policy violations, which Chromium logs as console errors.
    expect(app.foreignRequests, 'requests outside the app').toEqual([]);
    expect(app.problems, 'errors on the page').toEqual([]);
  },
});

/**
 * The app over a large store of demo data at `scale` (1,504 applications each), built once per
 * test file with the real CLI, as a user would, and copied in as each test's store.
 */
export function withDemoStore(scale: number) {
  return test.extend<object, { demoStore: string }>({
    demoStore: [
      async ({}, use) => {
        const dir = mkdtempSync(join(tmpdir(), 'grantlens-e2e-large-'));
        const path = join(dir, 'large.sqlite');
        grantlens('demo', '--db', path, '--scale', String(scale), '--today', DEMO_BASE_DAY);
        await use(path);
        rmSync(dir, { recursive: true, force: true });
      },
      { scope: 'worker', timeout: 900_000 },
    ],
    seedStore: async ({ demoStore }, use) => use(demoStore),
  });
}

/** axe's serious and critical findings on the screen as it is, one line each with where. */
export async function barriers(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id} (${violation.impact}): ${violation.nodes.slice(0, 3).map((node) => node.target.join(' ')).join(', ')}`);
}

/** Presses Tab (or Shift+Tab) until the locator has focus, and says how many presses it took. */
export async function tabTo(page: Page, locator: Locator, { back = false, max = 60 } = {}): Promise<number> {
  for (let presses = 1; presses <= max; presses++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    if (await locator.evaluate((element) => element === document.activeElement)) return presses;
  }
  throw new Error(`focus never reached ${locator}`);
}

/** The built CLI, as a user would run it; fails the test with its stderr if it fails. */
export function grantlens(...args: string[]): void {
  const ran = spawnSync(process.execPath, [join(repoRoot, 'out', 'main', 'cli.js'), ...args], { encoding: 'utf8' });
  if (ran.status !== 0) throw new Error(`grantlens ${args.join(' ')} failed: ${ran.stderr}`);
}

export { expect };
