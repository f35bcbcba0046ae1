import { join } from 'node:path';
import type { ApplicationDetail, ApplicationRow } from '../../main/contract/calls';
import { unwrap } from '../../main/contract/errors';
import { expect, test } from './fixtures';

test.describe('exchange with another laptop', () => {
  test.use({ demo: true });

  test('exports a package, lists the conflict its import would make, and merges with the side the user chose', async ({ app, bridge, page, picks, workDir }) => {
    const first = unwrap<{ rows: ApplicationRow[] }>(await bridge.host.call('applications.page', { limit: 1 })).rows[0]!;
    await app.goTo('Inställningar');
    const exportButton = page.getByRole('button', { name: 'Exportera paket…' });
    await expect(exportButton).toBeDisabled();
    await page.getByLabel('Lösenfras').fill('korrekt häst batteri');
    await page.getByRole('radio', { name: 'Registret' }).check();
    picks.export = join(workDir, 'registret.glx');
    await exportButton.click();
    await expect(page.getByRole('status').filter({ hasText: 'poster exporterades' })).toBeVisible();

    // Meanwhile the title is changed here: importing the package back finds both sides differing.
    await bridge.host.call('applications.update', { id: first.id, changes: { title: 'Ändrad här' } });
    picks.import = picks.export;
    await page.getByRole('button', { name: 'Läs in paket…' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Inget ändras förrän du för samman' })).toContainText('1 konflikter');
    const conflicts = page.getByRole('table', { name: 'Konflikter' });
    const row = conflicts.getByRole('row').filter({ hasText: first.caseNumber });
    await expect(row).toContainText('Titel');
    // The later edit (here) is what the merge would keep, unless the user chooses the package's.
    await expect(row.getByRole('radio', { name: 'Ändrad här' })).toBeChecked();
    await row.getByRole('radio', { name: first.title }).check();
    await page.getByRole('button', { name: 'För samman' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Sammanfört' })).toBeVisible();
    const detail = unwrap<ApplicationDetail>(await bridge.host.call('applications.get', { id: first.id }));
    expect(detail.title).toBe(first.title);
  });

  test('exports the indicators the user ticked, with their values, and reads them back', async ({ app, bridge, page, picks, workDir }) => {
    const values = unwrap<{ code: string; periods: number[] }[]>(await bridge.host.call('indicators.list', {})).find((definition) => definition.code === 'OJI');
    expect(values?.periods.length).toBeGreaterThan(0);
    await app.goTo('Inställningar');
    await page.getByLabel('Lösenfras').fill('korrekt häst batteri');
    await page.getByRole('radio', { name: 'Indikatorer' }).check();
    const picker = page.getByRole('group', { name: 'Vilka indikatorer?' });
    await picker.getByRole('checkbox', { name: /^OJI / }).check();
    picks.export = join(workDir, 'indikatorer.glx');
    await page.getByRole('button', { name: 'Exportera paket…' }).click();
    // One definition; the demo's values come from no import.
    const exported = page.getByRole('status').filter({ hasText: 'poster exporterades' });
    await expect(exported).toContainText(/^1 poster exporterades, med [1-9][\d\s]* indikatorvärden\.$/);

    picks.import = picks.export;
    await page.getByRole('button', { name: 'Läs in paket…' }).click();
    // The same store: every value there already, nothing to change.
    await expect(page.getByRole('status').filter({ hasText: 'Inget ändras förrän du för samman' })).toContainText(/indikatorvärden: 0 nya, 0 ändrade/);
  });

  test('words a wrong passphrase in the error banner', async ({ app, page, picks, workDir }) => {
    await app.goTo('Inställningar');
    await page.getByLabel('Lösenfras').fill('korrekt häst batteri');
    await page.getByRole('radio', { name: 'Registret' }).check();
    picks.export = join(workDir, 'registret.glx');
    await page.getByRole('button', { name: 'Exportera paket…' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'poster exporterades' })).toBeVisible();
    await page.getByLabel('Lösenfras').fill('fel lösenfras helt och hållet');
    picks.import = picks.export;
    await page.getByRole('button', { name: 'Läs in paket…' }).click();
    await expect(page.getByRole('alert')).toContainText('Paketet går inte att öppna med den här lösenfrasen');
  });
});
