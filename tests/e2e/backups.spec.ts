import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import type { BackupList, PickedFile } from '../../main/contract/calls';
import { unwrap } from '../../main/contract/errors';
import { DEMO_BASE_DAY } from '../../main/services/demo/demo-calendar';
import { overwritePages } from '../support/damage';
import { barriers, expect, grantlens, screenshotsDir, tabTo, test, type GrantlensApp } from './fixtures';

// Säkerhetskopior: the list of a store's backups with what each holds, a copy taken now, a restore
// asked first and done by keyboard alone, and a store damaged at the start offered its backups.

const sv = new Intl.NumberFormat('sv-SE');

async function useLanguage(page: Page, language: 'sv' | 'en'): Promise<void> {
  await page.evaluate((lang) => localStorage.setItem('grantlens.language', lang), language);
  await page.reload();
}

/** Two applications the demo does not have, imported as another window would: the store now differs from its backup. */
async function importTwoMore(app: GrantlensApp, workDir: string): Promise<void> {
  const file = join(workDir, 'nya.csv');
  writeFileSync(
    file,
    [
      'Diarienummer;Sökande;Organisationsnummer;Typ;Kommun;År;Sökt belopp;Status;Steg',
      '2030-1;Malmö stad;212000-1124;Kommun;1280;2024;100 000,00;Inkommen;Plan',
      '2030-2;Malmö stad;212000-1124;Kommun;1280;2024;200 000,00;Inkommen;Plan',
    ].join('\n'),
  );
  const picked = unwrap<PickedFile>(await app.bridge.host.registerFile(file));
  unwrap(await app.bridge.host.call('import.run', { fileId: picked.fileId, kind: 'applications' }));
}

const listRows = (page: Page) => page.getByRole('region', { name: /^(Säkerhetskopior, nyaste först|Backups, newest first)$/ }).locator('tbody tr');

test.describe('with the demo store', () => {
  test.use({ demo: true });

  test('lists the backups with what they hold, takes one, and restores an earlier one by keyboard alone', async ({ app, page, workDir }) => {
    await app.goTo('Säkerhetskopior');
    await expect(app.heading()).toHaveText('Säkerhetskopior');
    await expect(page.getByText('Det finns inga säkerhetskopior av den här datafilen än.')).toBeVisible();
    await expect(page.getByTestId('backups-folder')).toHaveText(join(workDir, 'backups'));

    await page.getByRole('button', { name: 'Ta säkerhetskopia nu' }).click();
    await expect(page.getByRole('status')).toHaveText(/^Säkerhetskopian från \d{4}-\d{2}-\d{2} \d{2}:\d{2} är tagen\.$/);
    await expect(listRows(page)).toHaveCount(1);
    // After the time: why, MB, schema version, organisations, applications, indicator values.
    const cells = listRows(page).first().getByRole('cell');
    await expect(listRows(page).first().getByRole('rowheader')).toHaveText(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    await expect(cells.nth(0)).toHaveText('Tagen för hand');
    await expect(cells.nth(1)).toHaveText(/^\d+(,\d+)?$/);
    await expect(cells.nth(2)).toHaveText(/^\d+$/);
    await expect(cells.nth(4)).toHaveText(sv.format(1504));
    await expect(cells.nth(5)).toHaveText(/^\d{1,3}(\s\d{3})+$/);

    // The import takes a copy of its own first, and the list shows it without being asked.
    await importTwoMore(app, workDir);
    await expect(listRows(page)).toHaveCount(2);
    await expect(listRows(page).first()).toContainText('Före import');
    await app.goTo('Översikt');
    await expect(app.figure('total-applications')).toHaveText(sv.format(1506));

    // By keyboard alone: to the manual copy's button, Enter, the dialog opens on Cancel; Tab, Enter.
    await tabTo(page, app.nav('Säkerhetskopior'));
    await page.keyboard.press('Enter');
    const manual = listRows(page).filter({ hasText: 'Tagen för hand' }).getByRole('button');
    await tabTo(page, manual);
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Återställa säkerhetskopian?' });
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText('Allt som har ändrats sedan dess ersätts.');
    await expect(dialog).toContainText('Först sparas datafilen som den är nu som en ny säkerhetskopia');
    await expect(dialog.getByRole('button', { name: 'Avbryt' })).toBeFocused();
    await page.screenshot({ path: join(screenshotsDir, 'backups-restore-dialog-sv.png') });
    await page.keyboard.press('Tab');
    await expect(dialog.getByRole('button', { name: 'Återställ', exact: true })).toBeFocused();
    await page.keyboard.press('Enter');

    await expect(page.getByRole('status')).toHaveText(
      /^Datafilen är återställd från säkerhetskopian från [\d-]+ [\d:]+\. Datafilen som den var innan finns kvar som säkerhetskopian från [\d-]+ [\d:]+ \(store\.[\dTZ-]+\.before-restore\.sqlite\)\./,
    );
    await expect(listRows(page)).toHaveCount(3);
    await expect(listRows(page).first()).toContainText('Före återställning');
    await expect(listRows(page).first()).toContainText(sv.format(1506));
    await page.screenshot({ path: join(screenshotsDir, 'backups-restored-sv.png') });
    // Every screen shows the restored store: the overview and the settings' counts.
    await app.goTo('Översikt');
    await expect(app.figure('total-applications')).toHaveText(sv.format(1504));
    await app.goTo('Inställningar');
    await expect(page.getByRole('row', { name: /Ansökningar\s+1\s504/ })).toBeVisible();
  });

  test('a cancelled restore, by Escape or by Cancel, changes nothing; a file that is no store is refused in words', async ({ app, page, workDir, picks }) => {
    await useLanguage(page, 'en');
    await app.goTo('Backups');
    await page.getByRole('button', { name: 'Back up now' }).click();
    await expect(listRows(page)).toHaveCount(1);
    await importTwoMore(app, workDir);
    await expect(listRows(page)).toHaveCount(2);

    const restoreManual = listRows(page).filter({ hasText: 'Taken by hand' }).getByRole('button');
    await expect(restoreManual).toHaveAccessibleName(/^Restore the backup of \d{4}-\d{2}-\d{2} \d{2}:\d{2}…$/);
    await restoreManual.click();
    const dialog = page.getByRole('dialog', { name: 'Restore the backup?' });
    await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
    await page.screenshot({ path: join(screenshotsDir, 'backups-restore-dialog-en.png') });
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(restoreManual).toBeFocused();
    await restoreManual.click();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toBeHidden();

    const notAStore = join(workDir, 'notes.csv');
    writeFileSync(notAStore, 'a;b\n1;2\n');
    picks.import = notAStore;
    await page.getByRole('button', { name: 'Restore from file…' }).click();
    const fileDialog = page.getByRole('dialog', { name: 'Restore from the file?' });
    await expect(fileDialog).toContainText('The data file is replaced with the contents of notes.csv.');
    await fileDialog.getByRole('button', { name: 'Restore', exact: true }).click();
    await expect(page.getByRole('alert')).toContainText('The file is not a Grantlens data file and cannot be restored. Nothing has been changed.');

    expect(app.bridge.answered.filter((answer) => answer.name === 'backups.restore').map((answer) => answer.outcome)).toEqual(['BACKUP_INVALID']);
    await expect(listRows(page)).toHaveCount(2);
    await app.goTo('Overview');
    await expect(app.figure('total-applications')).toHaveText(sv.format(1506));
  });
});

test.describe('a restore that takes a while', () => {
  test.use({ demo: true, stall: { call: 'backups.restore', ms: 3000 } });

  test('says it is under way until it is done', async ({ app, page }) => {
    await app.goTo('Säkerhetskopior');
    await page.getByRole('button', { name: 'Ta säkerhetskopia nu' }).click();
    await listRows(page).getByRole('button').click();
    await page.getByRole('dialog').getByRole('button', { name: 'Återställ', exact: true }).click();
    await expect(page.getByRole('status').filter({ hasText: /^Återställer…/ })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Ta säkerhetskopia nu' })).toBeDisabled();
    await expect(page.getByRole('status')).toHaveText(/^Datafilen är återställd från/);
    await expect(page.getByRole('button', { name: 'Ta säkerhetskopia nu' })).toBeEnabled();
  });
});

test.describe('a store damaged before the app starts', () => {
  let damagedBytes: Buffer;
  test.use({
    prepareStore: async ({}, use) =>
      use((path: string) => {
        // A demo store with a backup beside it, then pages in its middle overwritten as a failing disk would.
        grantlens('demo', '--db', path, '--today', DEMO_BASE_DAY);
        grantlens('backup', '--db', path);
        damagedBytes = overwritePages(path, (pages) => [Math.floor(pages / 2), Math.floor(pages / 2) + 1, pages - 2]);
      }),
  });

  for (const [language, words] of [
    ['sv', { title: 'Datafilen är skadad', restoreOf: /^Återställ säkerhetskopian från/, confirm: 'Återställ', restored: /^Datafilen är återställd från säkerhetskopian från .*before-restore\.sqlite/, overview: 'Översikt' }],
    ['en', { title: 'The data file is damaged', restoreOf: /^Restore the backup of/, confirm: 'Restore', restored: /^The data file has been restored from the backup of .*before-restore\.sqlite/, overview: 'Overview' }],
  ] as const) {
    test(`says so naming the file, leaves it as it is, and restores it from a backup (${language})`, async ({ app, page, bridge, workDir }) => {
      const path = join(workDir, 'store.sqlite');
      await useLanguage(page, language);
      await expect(app.heading()).toHaveText(words.title);
      await expect(page.getByRole('main').getByRole('alert')).toContainText(path);
      // Nothing but the way out: no sections that would each fail on the store.
      await expect(page.getByRole('navigation')).toHaveCount(0);
      await expect(listRows(page)).toHaveCount(1);
      await expect(listRows(page).first()).toContainText(sv.format(1504));
      await page.screenshot({ path: join(screenshotsDir, `backups-damaged-${language}.png`) });
      expect(await barriers(page)).toEqual([]);
      expect(readFileSync(path).equals(damagedBytes), 'the damaged file as it was').toBe(true);

      await listRows(page).getByRole('button', { name: words.restoreOf }).click();
      await page.getByRole('dialog').getByRole('button', { name: words.confirm, exact: true }).click();
      await expect(page.getByRole('status')).toHaveText(words.restored);
      await expect(app.nav(words.overview)).toBeVisible();
      await app.goTo(words.overview);
      await expect(app.figure('total-applications')).toHaveText(sv.format(1504));
      // The damaged file is kept, byte for byte, as the copy taken before the restore.
      const list = unwrap<BackupList>(await bridge.host.call('backups.list', {}));
      const kept = list.backups.find((backup) => backup.reason === 'before-restore')!;
      expect(readFileSync(join(list.folder, kept.name)).equals(damagedBytes)).toBe(true);
    });
  }
});
