import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ApplicationRow } from '../../main/contract/calls';
import { unwrap } from '../../main/contract/errors';
import { expect, test } from './fixtures';

const sv = new Intl.NumberFormat('sv-SE');

test.describe('views that show what changed', () => {
  test.use({ demo: true });

  test('an import in one window refreshes the register grid and the overview in others', async ({ app, bridge, page, picks, context, workDir }) => {
    await app.goTo('Ansökningar');
    const count = page.getByTestId('application-count');
    await expect(count).toHaveText(`${sv.format(1504)} ansökningar`);
    const overview = await context.newPage();
    await overview.goto(bridge.url);
    const total = overview.getByTestId('total-applications').locator('dd');
    await expect(total).toHaveText(sv.format(1504));

    const importer = await context.newPage();
    await importer.goto(bridge.url);
    await importer.getByRole('navigation').getByRole('button', { name: 'Import' }).click();
    // Two applications the demo does not have.
    picks.import = join(workDir, 'nya.csv');
    writeFileSync(
      picks.import,
      [
        'Diarienummer;Sökande;Organisationsnummer;Typ;Kommun;År;Sökt belopp;Status;Steg',
        '2030-1;Malmö stad;212000-1124;Kommun;1280;2024;100 000,00;Inkommen;Plan',
        '2030-2;Malmö stad;212000-1124;Kommun;1280;2024;200 000,00;Inkommen;Plan',
      ].join('\n'),
    );
    await importer.getByRole('button', { name: 'Välj fil…' }).click();
    await importer.getByRole('button', { name: 'Importera', exact: true }).click();
    await expect(importer.getByTestId('import-result').getByRole('status')).toHaveText(/^Importerat: 2 rader, 2 godkända, 0 avvisade; 2 nya/);

    // Neither window did anything: each reloaded what it shows when told the register's tables changed.
    await expect(count).toHaveText(`${sv.format(1506)} ansökningar`);
    await expect(total).toHaveText(sv.format(1506));
  });
});

test.describe('the detail pane', () => {
  test.use({ demo: true });

  test('shows an edit made elsewhere, but keeps what the user has typed and not saved', async ({ app, bridge, page }) => {
    const first = unwrap<{ rows: ApplicationRow[] }>(await bridge.host.call('applications.page', { limit: 1 })).rows[0]!;
    await app.goTo('Ansökningar');
    await page.getByTestId('applications-grid').locator('.ag-row[row-index="0"]').click();
    const form = page.getByRole('complementary').getByRole('form', { name: 'Ändra ansökan' });
    await expect(form.getByLabel('Titel')).toHaveValue(first.title);

    // Another window (here the host itself) saves a new title: the pane and the grid show it.
    unwrap(await bridge.host.call('applications.update', { id: first.id, changes: { title: 'Ändrad i ett annat fönster' } }));
    await expect(form.getByLabel('Titel')).toHaveValue('Ändrad i ett annat fönster');
    await expect(page.getByTestId('applications-grid').locator('.ag-row[row-index="0"]')).toContainText('Ändrad i ett annat fönster');

    await form.getByLabel('Titel').fill('Mitt utkast');
    unwrap(await bridge.host.call('applications.update', { id: first.id, changes: { status: 'in_review' } }));
    await expect(page.getByRole('complementary').getByRole('table', { name: 'Statushistorik' })).toContainText('Under handläggning');
    await expect(form.getByLabel('Titel')).toHaveValue('Mitt utkast');
  });
});

test.describe('a grid whose view changes', () => {
  test.use({ demo: true, stall: { call: 'applications.count', ms: 60_000 } });

  test('cancels the counts of views it left, so the readers are free for the view shown', async ({ app, page }) => {
    // Every count now holds a reader for a minute. The two readers would both be held after two
    // views if a left view's count were left running, and the third view's rows would wait.
    await app.goTo('Ansökningar');
    const grid = page.getByTestId('applications-grid');
    await expect(grid.locator('.ag-row[row-index="0"]')).toBeVisible();
    const status = page.getByRole('combobox', { name: 'Status' });
    await status.selectOption({ label: 'Avslag' });
    await expect(grid.locator('.ag-row[row-index="0"]')).toContainText('Avslag');
    await status.selectOption({ label: 'Beviljad' });
    await expect(grid.locator('.ag-row[row-index="0"]')).toContainText('Beviljad');
    await status.selectOption({ label: 'Delvis beviljad' });
    await expect(grid.locator('.ag-row[row-index="0"]')).toContainText('Delvis beviljad', { timeout: 10_000 });
  });
});

test.describe('a grid scrolled fast', () => {
  test.use({ demo: true, stall: { call: 'applications.page', ms: 1500 } });

  test('cancels the pages of the rows it scrolled past and shows the rows it stopped at', async ({ app, bridge, page }) => {
    // Each page now takes a reader 1.5 s: the blocks passed on the way down must not be read first.
    await app.goTo('Ansökningar');
    const grid = page.getByTestId('applications-grid');
    await expect(page.getByTestId('application-count')).toHaveText(`${sv.format(1504)} ansökningar`);
    const viewport = grid.locator('.ag-body-vertical-scroll-viewport');
    for (const share of [0.2, 0.4, 0.6, 0.8, 1]) {
      await viewport.evaluate((element, to) => element.scrollTo(0, element.scrollHeight * to), share);
    }
    await expect(grid.locator('.ag-row[row-index="1503"]')).toContainText(/\d{4}-\d{5}/);
    expect(bridge.answered.filter((call) => call.name === 'applications.page' && call.outcome === 'CANCELLED').length).toBeGreaterThan(0);
  });
});
