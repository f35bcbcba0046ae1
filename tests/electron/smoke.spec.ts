import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';

const repoRoot = resolve(import.meta.dirname, '..', '..');

/**
 * The Electron binary, or why there is none. Read the way the electron package does, but without
 * calling it: since Electron 45 `require('electron')` tries to download a missing binary.
 */
function electronBinary(): { path: string } | { missing: string } {
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) return { path: join(process.env.ELECTRON_OVERRIDE_DIST_PATH, 'electron') };
  const packageDir = join(repoRoot, 'node_modules', 'electron');
  const pathFile = join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) {
    return { missing: 'the Electron binary was not downloaded (installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1, or offline)' };
  }
  const path = join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(path) ? { path } : { missing: `the Electron binary is not at ${path}` };
}

/** better-sqlite3 must be built for Electron's ABI (npm start does that), not Node's. */
function nativeModuleProblem(binary: string): string | null {
  const probe = spawnSync(binary, ['-e', "new (require('better-sqlite3'))(':memory:').close()"], {
    cwd: repoRoot,
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
    encoding: 'utf8',
  });
  return probe.status === 0 ? null : 'better-sqlite3 is built for Node.js, not Electron: run `npm start` once (it runs electron-builder install-app-deps)';
}

const binary = electronBinary();
const skipReason = 'missing' in binary ? binary.missing : nativeModuleProblem(binary.path);
if (skipReason) console.log(`Electron smoke test SKIPPED: ${skipReason}.`);

test('the Electron app starts, exposes only the contract and shows the overview', async () => {
  test.skip(skipReason !== null, skipReason ?? '');
  const dir = mkdtempSync(join(tmpdir(), 'grantlens-electron-'));
  const args = [repoRoot, '--db', join(dir, 'smoke.sqlite')];
  if (process.getuid?.() === 0) args.unshift('--no-sandbox');
  const app = await electron.launch({ executablePath: (binary as { path: string }).path, args });
  try {
    const page = await app.firstWindow();
    await expect(page).toHaveTitle('Grantlens');
    const exposed = await page.evaluate(() => ({
      api: Object.keys(window.grantlens).sort(),
      node: typeof (window as unknown as { require?: unknown }).require,
      process: typeof (window as unknown as { process?: unknown }).process,
    }));
    expect(exposed.api).toContain('overview.get');
    expect(exposed.api).toContain('onProgress');
    expect(exposed.node).toBe('undefined');
    expect(exposed.process).toBe('undefined');
    // What the Chromium isolation test (tests/e2e/isolation.spec.ts) cannot show, the shell refuses:
    // new windows, and navigation away from the app (the demo data below loads only if it stayed).
    const escapes = await page.evaluate(async () => ({
      opened: window.open('https://example.com/') !== null,
      file: await fetch('file:///etc/passwd').then(
        () => 'reached',
        () => 'blocked',
      ),
    }));
    expect(escapes).toEqual({ opened: false, file: 'blocked' });
    await page.evaluate(() => {
      window.location.href = 'https://example.com/';
    });
    expect(app.windows()).toHaveLength(1);
    await page.getByRole('button', { name: 'Läs in demodata' }).first().click();
    await expect(page.getByTestId('total-applications').locator('dd')).toHaveText(/1\s504/);
  } finally {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
