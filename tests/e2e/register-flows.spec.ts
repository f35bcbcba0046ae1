import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ApplicationDetail, ApplicationRow } from '../../main/contract/calls';
import { unwrap } from '../../main/contract/errors';
import { expect, screenshotsDir, test } from './fixtures';

const repoRoot = resolve(import.meta.dirname, '..', '..');
const fixture = join(repoRoot, 'tests', 'fixtures', 'formats', 'applications-sv.csv');

test.describe('editing in the register', () => {
  test.use({ demo: true });

  test('edits an application with messages beside the fields, logs the change, and undoes it', async ({ app, bridge, page }) => {
    const first = unwrap<{ rows: ApplicationRow[] }>(await bridge.host.call('applications.page', { limit: 1 })).rows[0]!;
    await app.goTo('Ansökningar');
    await page.getByTestId('applications-grid').locator('.ag-row[row-index="0"]').click();
    const detail = page.getByRole('complementary');
    await expect(detail.getByRole('heading', { level: 2 })).toContainText(first.caseNumber);
    const form = detail.getByRole('form', { name: 'Ändra ansökan' });

    // A last year before the first is refused, with the server's reason in Swedish next to the field, and nothing saved.
    await form.getByLabel('Sista år').fill(String(first.firstYear - 1));
    await form.getByRole('button', { name: 'Spara' }).click();
    await expect(form.getByLabel('Sista år')).toHaveAttribute('aria-invalid', 'true');
    await expect(form.getByRole('alert')).toHaveText('Sista året är före första året');
    await form.getByLabel('Sista år').fill(String(first.lastYear));

    await form.getByLabel('Titel').fill('Läxhjälp på Ängsgården');
    await form.getByLabel('Status').selectOption({ label: 'Avslag' });
    await form.getByRole('button', { name: 'Spara' }).click();
    await expect(form.getByRole('status')).toHaveText('Ändringarna är sparade.');
    await expect(page.getByTestId('applications-grid').locator('.ag-row[row-index="0"]')).toContainText('Läxhjälp på Ängsgården');
    const log = detail.getByRole('table', { name: 'Ändringslogg' });
    // Field labels in the UI's language, never the store's column names.
    await expect(log.getByRole('row').filter({ hasText: 'Läxhjälp på Ängsgården' })).toContainText('Titel');
    await expect(log).not.toContainText('title');
    await expect(detail.getByRole('table', { name: 'Statushistorik' })).toContainText('Avslag');

    await page.getByRole('button', { name: 'Ångra senaste ändringen' }).click();
    await expect(page.getByText('Ändringen är ångrad.')).toBeVisible();
    await expect(page.getByTestId('applications-grid').locator('.ag-row[row-index="0"]')).toContainText(first.title);
    await expect(form.getByLabel('Titel')).toHaveValue(first.title);
    const after = unwrap<ApplicationDetail>(await bridge.host.call('applications.get', { id: first.id }));
    expect(after).toMatchObject({ title: first.title, status: first.status });
    await expect(page.getByRole('button', { name: 'Ångra senaste ändringen' })).toBeHidden();
  });

  test('counts a filtered view again after an edit moves a row out of it, and after the undo', async ({ app, bridge, page }) => {
    const sv = new Intl.NumberFormat('sv-SE');
    const rejected = { filters: [{ kind: 'set', column: 'status', values: ['rejected'] }] };
    const n = unwrap<number>(await bridge.host.call('applications.count', rejected));
    await app.goTo('Ansökningar');
    await page.getByRole('combobox', { name: 'Status' }).selectOption({ label: 'Avslag' });
    const count = page.getByTestId('application-count');
    await expect(count).toHaveText(`${sv.format(n)} ansökningar`);

    await page.getByTestId('applications-grid').locator('.ag-row[row-index="0"]').click();
    const form = page.getByRole('complementary').getByRole('form', { name: 'Ändra ansökan' });
    await form.getByLabel('Status').selectOption({ label: 'Beviljad' });
    await form.getByRole('button', { name: 'Spara' }).click();
    await expect(count).toHaveText(`${sv.format(n - 1)} ansökningar`);

    await page.getByRole('button', { name: 'Ångra senaste ändringen' }).click();
    await expect(count).toHaveText(`${sv.format(n)} ansökningar`);
  });

  test('exports the grid view as shown, and keeps a saved view', async ({ app, page, picks, workDir }) => {
    await app.goTo('Ansökningar');
    await page.getByRole('combobox', { name: 'Status' }).selectOption({ label: 'Delvis beviljad' });
    await page.locator('summary', { hasText: 'Kolumner' }).click();
    await page.getByRole('checkbox', { name: 'Titel' }).uncheck();
    await page.locator('summary', { hasText: 'Kolumner' }).click();
    await expect(page.getByTestId('applications-grid').getByRole('columnheader', { name: 'Titel' })).toBeHidden();

    picks.export = join(workDir, 'vy.csv');
    await page.getByRole('button', { name: 'Exportera CSV' }).click();
    await expect(page.getByText(/rader exporterade till vy\.csv/)).toBeVisible();
    // The export's progress bar goes once the export is done.
    await expect(page.locator('.progress')).toBeHidden();
    const text = readFileSync(picks.export, 'utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    const lines = text.slice(1).trimEnd().split('\r\n');
    expect(lines[0]).toBe('Diarienummer;Sökande;Sökandetyp;Kommun;Första år;Steg;Status;Sökt belopp;Beviljat belopp;Inkommen');
    const count = (await page.getByTestId('application-count').textContent())!.replace(/\D/g, '');
    expect(lines.length - 1).toBe(Number(count));
    for (const line of lines.slice(1)) expect(line.split(';')[6]).toBe('Delvis beviljad');

    await page.getByRole('textbox', { name: 'Namn på vyn' }).fill('Delvis beviljade');
    await page.getByRole('button', { name: 'Spara vy' }).click();
    await page.reload();
    await app.goTo('Ansökningar');
    await expect(page.getByTestId('applications-grid').getByRole('columnheader', { name: 'Titel' })).toBeVisible();
    await page.getByRole('combobox', { name: 'Sparade vyer' }).selectOption({ label: 'Delvis beviljade' });
    await expect(page.getByTestId('applications-grid').getByRole('columnheader', { name: 'Titel' })).toBeHidden();
    await expect(page.getByRole('combobox', { name: 'Status' })).toHaveValue('partly_granted');
    await expect(page.getByTestId('application-count')).toHaveText(`${Number(count).toLocaleString('sv-SE')} ansökningar`);
  });
});

test.describe('importing into the register', () => {
  test('maps the columns, checks the file, lists the rejected row, then imports, with nothing changed by a second import', async ({ app, bridge, page, picks }) => {
    await page.getByRole('button', { name: 'Börja tomt' }).click();
    await app.goTo('Import');
    picks.import = fixture;
    await page.getByRole('button', { name: 'Välj fil…' }).click();
    await expect(page.getByText('Fil: applications-sv.csv (CSV, utf-8 (BOM), ";")')).toBeVisible();
    await expect(page.getByRole('combobox', { name: 'Diarienummer' })).toHaveValue('Diarienummer');
    await expect(page.getByRole('combobox', { name: 'Sökt belopp' })).toHaveValue('Sökt belopp');
    await expect(page.getByRole('table', { name: 'Förhandsgranskning (första raderna)' })).toContainText('Föreningen Exempel i Rosengård');

    await page.getByRole('button', { name: 'Kontrollera' }).click();
    const result = page.getByTestId('import-result');
    await expect(result.getByRole('status')).toHaveText(
      'Kontroll: 3 rader, 2 godkända, 1 avvisad; 2 nya, 0 ändrade, 0 oförändrade. Inget har sparats.',
    );
    const rejects = result.getByRole('table', { name: 'Avvisade rader' });
    await expect(rejects.getByRole('row')).toHaveCount(2);
    // The column as the file names it; the reason in Swedish, from the reject's code and values.
    await expect(rejects.getByRole('row').nth(1).getByRole('cell')).toHaveText([
      '3',
      'Organisationsnummer',
      '”802400-0000” är inte ett giltigt organisationsnummer (NNNNNN-NNNN med rätt kontrollsiffra)',
    ]);
    expect(unwrap<number>(await bridge.host.call('applications.count', {}))).toBe(0);

    await page.getByRole('button', { name: 'Importera', exact: true }).click();
    await expect(result.getByRole('status')).toHaveText('Importerat: 3 rader, 2 godkända, 1 avvisad; 2 nya, 0 ändrade, 0 oförändrade.');
    await page.getByRole('button', { name: 'Importera', exact: true }).click();
    await expect(result.getByRole('status')).toHaveText('Importerat: 3 rader, 2 godkända, 1 avvisad; 0 nya, 0 ändrade, 2 oförändrade.');

    await app.goTo('Ansökningar');
    await expect(page.getByTestId('application-count')).toHaveText('2 ansökningar');
    await expect(page.getByTestId('applications-grid')).toContainText('Malmö stad');
  });

  test('shows what an import changes, field by field, calls out a move to another applicant, and asks before it changes anything', async ({ app, bridge, page, picks, workDir }) => {
    await page.getByRole('button', { name: 'Börja tomt' }).click();
    await app.goTo('Import');
    picks.import = fixture;
    await page.getByRole('button', { name: 'Välj fil…' }).click();
    // Only new rows: imported at once, nothing to confirm.
    await page.getByRole('button', { name: 'Importera', exact: true }).click();
    const result = page.getByTestId('import-result');
    await expect(result.getByRole('status')).toHaveText('Importerat: 3 rader, 2 godkända, 1 avvisad; 2 nya, 0 ändrade, 0 oförändrade.');

    picks.import = join(workDir, 'ändrad.csv');
    writeFileSync(
      picks.import,
      'Diarienummer;Sökande;Organisationsnummer;Typ;Sökt belopp;Status;Steg\n2021-00012;Region Skåne;232100-0255;Region;1 300 000,50;Delvis beviljad;Insats\n',
    );
    await page.getByRole('button', { name: 'Välj fil…' }).click();
    await page.getByRole('button', { name: 'Importera', exact: true }).click();
    await expect(result.getByRole('status')).toHaveText('Kontroll: 1 rad, 1 godkänd, 0 avvisade; 0 nya, 1 ändrad, 0 oförändrade. Inget har sparats.');
    await expect(result).toContainText('Importen ändrar 1 befintlig rad, fält för fält nedan. Granska ändringarna innan du importerar. 1 ansökan flyttas till en annan sökande.');
    const changes = result.getByRole('table', { name: 'Ändringar i befintliga rader' });
    await expect(changes.getByRole('row').nth(1).getByRole('cell')).toHaveText([
      '2',
      '2021-00012Flyttas till en annan sökande',
      'Sökande',
      'Malmö stad (212000-1124)',
      'Region Skåne (232100-0255)',
    ]);
    await expect(changes.getByRole('row').nth(2).getByRole('cell')).toHaveText(['Status', 'Beviljad', 'Delvis beviljad']);
    await expect(changes.getByRole('row').nth(3).getByRole('cell')).toHaveText(['Sökt belopp', /^1\s250\s000\skr$/, /^1\s300\s000,50\skr$/]);
    await page.screenshot({ path: join(screenshotsDir, 'import-updates-sv.png'), fullPage: true });
    await page.getByRole('button', { name: 'Avbryt' }).click();
    const malmo = () => bridge.host.call('applications.page', { search: '2021-00012', limit: 1 });
    expect(unwrap<{ rows: ApplicationRow[] }>(await malmo()).rows[0]).toMatchObject({ organisation: 'Malmö stad', status: 'granted' });

    await app.goTo('Inställningar');
    await page.getByRole('radio', { name: 'English' }).check();
    await app.goTo('Import');
    await page.getByRole('button', { name: 'Choose file…' }).click();
    // The menu's "Import" is a button too.
    await page.getByRole('main').getByRole('button', { name: 'Import', exact: true }).click();
    await expect(result.getByRole('table', { name: 'Changes to existing rows' })).toContainText('Moves to another applicant');
    await expect(result).toContainText('1 application moves to another applicant.');
    await page.screenshot({ path: join(screenshotsDir, 'import-updates-en.png'), fullPage: true });
    await page.getByRole('button', { name: 'Import with the changes' }).click();
    await expect(result.getByRole('status')).toHaveText('Imported: 1 row, 1 accepted, 0 rejected; 0 new, 1 changed, 0 unchanged.');
    expect(unwrap<{ rows: ApplicationRow[] }>(await malmo()).rows[0]).toMatchObject({ organisation: 'Region Skåne', status: 'partly_granted', requestedOre: 130_000_050 });
  });
});
