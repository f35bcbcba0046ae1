import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
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
