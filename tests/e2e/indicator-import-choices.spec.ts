import { join, resolve } from 'node:path';
import { expect, test } from './fixtures';

const formats = resolve(import.meta.dirname, '..', 'fixtures', 'formats');

test.describe('the indicator import asks what a file does not say', () => {
  test('which indicator a spreadsheet names in words is, and whether to define the codes the store lacks', async ({ app, page, picks }) => {
    await page.getByRole('button', { name: 'Börja tomt' }).click();
    await app.goTo('Indikatorer');
    await page.getByRole('tab', { name: 'Importera' }).click();
    const summary = page.getByTestId('indicator-import-summary');

    // A municipality's spreadsheet: "Eftergymnasial utbildning, andel (%)" is no indicator's name.
    picks.import = join(formats, 'kommun-utbildning.csv');
    await page.getByRole('button', { name: 'Välj fil och kontrollera…' }).click();
    await expect(summary).toContainText('8 rader: 0 godkända, 8 avvisade.');
    const choice = page.getByTestId('indicator-choice');
    await expect(choice).toContainText('Ingen indikator heter ”Eftergymnasial utbildning, andel (%)”.');
    await choice.getByRole('combobox', { name: 'Indikator' }).selectOption({ label: 'Eftergymnasial utbildning 25–64 år' });
    await choice.getByRole('button', { name: 'Kontrollera igen' }).click();
    await expect(summary).toContainText('8 rader: 8 godkända, 0 avvisade. 8 nya, 0 ändrade, 0 oförändrade. Kontroll klar, inget sparat.');
    await expect(choice).toHaveCount(0);
    await page.getByRole('button', { name: 'Importera', exact: true }).click();
    await expect(summary).toContainText('8 nya, 0 ändrade, 0 oförändrade. Sparat.');

    // A Kolada file of a KPI the store does not have: defined only once the user says so.
    picks.import = join(formats, 'kolada-n00945.json');
    await page.getByRole('button', { name: 'Välj fil och kontrollera…' }).click();
    const define = page.getByTestId('indicator-define');
    await expect(define).toContainText('Filen har värden för en indikator som datafilen saknar: N00945.');
    // Clicked, it checks the file again with the choice: the summary, and the box, are made anew.
    await define.getByRole('checkbox', { name: /Definiera dem från filen/ }).click();
    const defined = page.getByTestId('indicator-defined');
    await expect(defined).toContainText('Importen kommer att definiera:');
    await expect(defined).toContainText('N00945: namn saknas');
    await expect(summary).toContainText('7 rader: 6 godkända, 0 avvisade.');
    await page.getByRole('button', { name: 'Importera', exact: true }).click();
    await expect(summary).toContainText('6 nya, 0 ändrade, 0 oförändrade. Sparat.');
    await expect(defined).toContainText('Definierade:');

    // Its values show under its code until Kolada's KPI list names it.
    await page.getByRole('tab', { name: 'Värden' }).click();
    await expect(page.getByRole('combobox', { name: /^Indikator/ }).first()).toContainText('N00945 (namn saknas)');
  });
});
