import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Overview } from '../../main/contract/calls';
import { unwrap } from '../../main/contract/errors';
import { expect, screenshotsDir, test } from './fixtures';

const repoRoot = resolve(import.meta.dirname, '..', '..');
const sv = new Intl.NumberFormat('sv-SE');
const sek = new Intl.NumberFormat('sv-SE', { style: 'currency', currency: 'SEK', maximumFractionDigits: 0 });

test.describe('first start on an empty store', () => {
  test('offers demo data, loads it with progress, and shows the overview of what is in the store', async ({ app, bridge, page }) => {
    const dialog = page.getByRole('dialog', { name: 'Välkommen till Grantlens' });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole('button', { name: 'Börja tomt' })).toBeVisible();
    await expect(dialog.getByRole('button', { name: 'Öppna befintlig fil…' })).toBeVisible();

    await page.evaluate(() => {
      const seen: unknown[] = [];
      (window as unknown as { seenProgress: unknown[] }).seenProgress = seen;
      window.grantlens.onProgress((progress) => seen.push(progress));
    });
    await dialog.getByRole('button', { name: 'Läs in demodata' }).click();
    await expect(dialog).toBeHidden();
    // Reads do not wait behind the load: the overview, refreshed by its change event, shows when it has committed.
    await expect(app.figure('total-applications')).toHaveText(sv.format(1504));

    const overview = unwrap<Overview>(await bridge.host.call('overview.get', {}));
    expect(overview.totals.applications).toBe(1504);
    await expect(app.figure('total-applications')).toHaveText(sv.format(overview.totals.applications));
    await expect(app.figure('granted-amount')).toHaveText(sek.format(overview.totals.grantedOre / 100));
    await expect(app.figure('organisations')).toHaveText(sv.format(overview.totals.organisations));
    const progress = await page.evaluate(() => (window as unknown as { seenProgress: { phase: string }[] }).seenProgress);
    expect(progress.map((p) => p.phase)).toContain('applications');

    // The by-year grid and the chart show the store's own figures.
    const year2021 = overview.byYear.find((row) => row.year === 2021)!;
    const row = page.getByTestId('by-year-grid').locator('.ag-row', { hasText: '2021' });
    await expect(row).toContainText(sek.format(year2021.grantedOre / 100));
    const chart = page.getByRole('figure', { name: 'Beviljat belopp och budget per år' });
    await expect(chart).toContainText('2024');
    // Its title, unit and source are on screen; the screen reader hears Swedish and kronor, not öre.
    await expect(chart.locator('figcaption')).toContainText('Enhet: kr');
    await expect(chart).toContainText('Källa: ansökningar och beslut i registret');
    const description = (await chart.locator('[aria-label]').first().getAttribute('aria-label')) ?? '';
    expect(description).toContain(`Beviljat belopp: ${overview.byYear[0]!.year} ${sek.format(overview.byYear[0]!.grantedOre / 100)}`);
    expect(description).not.toMatch(/\d{9}/);
    expect(description).not.toMatch(/ is /);

    await page.screenshot({ path: join(screenshotsDir, 'overview-demo.png'), fullPage: true });
  });

  test('can start empty, and is not asked again', async ({ app, page }) => {
    await page.getByRole('button', { name: 'Börja tomt' }).click();
    await expect(page.getByRole('dialog')).toBeHidden();
    await expect(page.getByText('Det finns inga ansökningar eller indikatorer i datafilen än.')).toBeVisible();
    await page.reload();
    await expect(app.heading()).toHaveText('Översikt');
    await expect(page.getByRole('dialog')).toBeHidden();
    await expect(page.getByRole('button', { name: 'Läs in demodata' })).toBeVisible();
  });
});

test.describe('with demo data', () => {
  test.use({ demo: true });

  test('every section can be reached, with the keyboard too', async ({ app, page }) => {
    await expect(page.getByRole('dialog')).toBeHidden();
    const sections = ['Ansökningar', 'Indikatorer', 'Korstabell', 'Utvärderingar', 'Import', 'Säkerhetskopior', 'Inställningar', 'Översikt'];
    for (const name of sections) {
      await app.goTo(name);
      await expect(app.heading()).toHaveText(name);
      await expect(app.nav(name)).toHaveAttribute('aria-current', 'page');
    }
    await app.nav('Korstabell').focus();
    await page.keyboard.press('Enter');
    await expect(app.heading()).toHaveText('Korstabell');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect(app.heading()).toHaveText('Utvärderingar');
  });

  test('switches to English and back, and remembers the choice', async ({ app, page }) => {
    await app.goTo('Inställningar');
    await page.getByRole('radio', { name: 'English' }).check();
    await expect(app.heading()).toHaveText('Settings');
    await expect(app.nav('Overview')).toBeVisible();
    await expect(app.nav('Cross-tab')).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await page.reload();
    await expect(app.heading()).toHaveText('Overview');
    await expect(page.getByTestId('total-applications')).toContainText('Applications');
    // Amounts keep the Swedish format in English.
    await expect(app.figure('granted-amount')).toHaveText(/^\d{1,3}(\s\d{3})+\skr$/);
    await app.goTo('Settings');
    await page.getByRole('radio', { name: 'Svenska' }).check();
    await expect(app.heading()).toHaveText('Inställningar');
  });

  test('settings show the open store, its schema and row counts', async ({ app, page, bridge }) => {
    await app.goTo('Inställningar');
    const current = bridge.host.currentPath!;
    await expect(page.getByTestId('store-path')).toHaveText(current);
    await expect(page.getByRole('row', { name: /Ansökningar\s+1\s504/ })).toBeVisible();
    // Tables are named in the UI's language, never by the store's names.
    for (const storeName of ['grant_calls', 'audit_log', 'indicator_value_history']) await expect(page.getByRole('main')).not.toContainText(storeName);
  });
});

test.describe('opening other files', () => {
  test('opens another store chosen in the file dialog', async ({ app, page, workDir, picks }) => {
    const other = join(workDir, 'other.sqlite');
    const made = spawnSync(process.execPath, [join(repoRoot, 'out', 'main', 'cli.js'), 'demo', '--db', other, '--seed', '11']);
    expect(made.status).toBe(0);
    picks.open = other;
    await page.getByRole('button', { name: 'Öppna befintlig fil…' }).click();
    await expect(page.getByRole('dialog')).toBeHidden();
    await expect(app.figure('total-applications')).toHaveText(sv.format(1504));
    await app.goTo('Inställningar');
    await expect(page.getByTestId('store-path')).toHaveText(other);
  });

  test('creates a new store and asks the first-start question for it', async ({ app, page, workDir, picks }) => {
    await page.getByRole('dialog').getByRole('button', { name: 'Läs in demodata' }).click();
    await expect(app.figure('total-applications')).toHaveText(sv.format(1504));
    picks.create = join(workDir, 'fresh.sqlite');
    await app.goTo('Inställningar');
    await page.getByRole('button', { name: 'Skapa en ny datafil…' }).click();
    await expect(page.getByTestId('store-path')).toHaveText(picks.create);
    await expect(page.getByRole('dialog', { name: 'Välkommen till Grantlens' })).toBeVisible();
  });

  test('refuses a file that is not a store with a clear message and leaves it untouched', async ({ app, page, workDir, picks }) => {
    const file = join(workDir, 'ansokningar.csv');
    writeFileSync(file, 'Diarienummer;Sökande\n2021-00012;Malmö stad\n');
    const before = createHash('sha256').update(readFileSync(file)).digest('hex');
    picks.open = file;
    await page.getByRole('button', { name: 'Öppna befintlig fil…' }).click();
    await expect(page.getByRole('alert')).toContainText('Filen är ingen Grantlens-datafil och har inte ändrats.');
    expect(createHash('sha256').update(readFileSync(file)).digest('hex')).toBe(before);
    await page.getByRole('dialog').getByRole('button', { name: 'Stäng' }).click();
    await expect(page.getByRole('alert')).toBeHidden();
    // The store that was open is still the one in use.
    await page.getByRole('button', { name: 'Börja tomt' }).click();
    await app.goTo('Inställningar');
    await expect(page.getByTestId('store-path')).toContainText('store.sqlite');
  });
});

test.describe('the test bridge itself', () => {
  test('answers only on loopback and validates like the app', async ({ bridge }) => {
    expect(new URL(bridge.url).hostname).toBe('127.0.0.1');
    const response = await fetch(new URL('/__bridge/call', bridge.url), {
      method: 'POST',
      body: JSON.stringify({ name: 'demo.load', args: { scale: 'x' } }),
    });
    expect(await response.json()).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
  });
});
