import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, screenshotsDir, test } from './fixtures';

// An import's error is said once, in the UI's language, says what to do, and goes with the screen
// or the next action; a file of the wrong kind is named as such.

test('a broken CSV and a file of the wrong kind, in Swedish and in English', async ({ app, page, picks, workDir }) => {
  const file = (name: string, content: string) => {
    const path = join(workDir, name);
    writeFileSync(path, content);
    return path;
  };
  await page.getByRole('button', { name: 'Börja tomt' }).click();
  await app.goTo('Import');
  // A quote inside a field is text; one that opens a field and never closes makes the file unreadable.
  picks.import = file('trasig.csv', 'Diarienummer;Titel\n2021-00012;"Läxhjälp\n2021-00013;Mentorer\n');
  await page.getByRole('button', { name: 'Välj fil…' }).click();
  const alert = page.getByRole('alert');
  await expect(alert).toHaveCount(1);
  await expect(alert.locator('p')).toHaveText(
    'Filen kan inte läsas som CSV: ett citattecken på rad 2 avslutas aldrig. Lägg till det avslutande citattecknet, eller spara filen på nytt från Excel.',
  );
  await expect(alert).not.toContainText('Invalid');
  await page.screenshot({ path: join(screenshotsDir, 'import-error-sv.png'), fullPage: true });

  await app.goTo('Översikt');
  await expect(alert).toHaveCount(0);
  await app.goTo('Import');
  picks.import = file('varden.csv', '{"values": []}');
  await page.getByRole('button', { name: 'Välj fil…' }).click();
  await expect(alert.locator('p')).toHaveText(
    'Filen är en JSON-fil, inte CSV. Välj en CSV-fil, eller spara filen som CSV i programmet den kommer från.',
  );
  // The next action takes the error away.
  picks.import = file('ratt.csv', 'Diarienummer;Titel\n2021-00012;Läxhjälp\n');
  await page.getByRole('button', { name: 'Välj fil…' }).click();
  await expect(page.getByText('Fil: ratt.csv')).toBeVisible();
  await expect(alert).toHaveCount(0);

  await app.goTo('Inställningar');
  await page.getByRole('radio', { name: 'English' }).check();
  await app.goTo('Import');
  picks.import = file('saknar.csv', 'Titel;Sökt belopp\nLäxhjälp;1 000\n');
  await page.getByRole('button', { name: 'Choose file…' }).click();
  await page.getByRole('button', { name: 'Check' }).click();
  await expect(alert.locator('p')).toHaveText(
    'The file has no column for Case number. Choose which column is Case number under Columns, or choose another file.',
  );
  picks.import = file('brev.csv', '%PDF-1.7\n');
  await page.getByRole('button', { name: 'Choose file…' }).click();
  await expect(alert).toHaveCount(1);
  await expect(page.getByText('File: saknar.csv')).toHaveCount(0);
  await expect(alert.locator('p')).toHaveText('The file is a PDF document, not CSV. Choose a CSV file, or save the file as CSV in the program it comes from.');
  await page.screenshot({ path: join(screenshotsDir, 'import-error-en.png'), fullPage: true });
});
