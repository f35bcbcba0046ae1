import { join } from 'node:path';
import type { ApplicationRow, ArgsIn } from '../../main/contract/calls';
import { unwrap } from '../../main/contract/errors';
import { expect, screenshotsDir, withDemoStore } from './fixtures';

// One large store per test file, built with the real CLI. Plain `npm test` builds 60,160 applications
// (scale 40, well under a minute); CI (.ci/run) sets GRANTLENS_E2E_SCALE=665 for 1,000,160, the size
// the register must stay fast at (about five minutes to build on two cores). Scale 2 is for quick
// runs while working on the grid.
const SCALE = Number(process.env.GRANTLENS_E2E_SCALE ?? 40);
const sv = new Intl.NumberFormat('sv-SE');

const test = withDemoStore(SCALE);

test.describe(`the applications grid over ${sv.format(1504 * SCALE)} applications`, () => {
  // Each test copies the store in and opens it, which checks every page (PRAGMA quick_check, about
  // 8 s at a million applications on this machine): the grid's own speed is the bench's to judge.
  test.describe.configure({ timeout: SCALE > 100 ? 180_000 : 60_000 });
  test('pages, sorts and filters in SQLite: totals, deepest rows and sorted values match the store', async ({ app, bridge, page }) => {
    // A page and, as the grid asks apart, the count of the same view.
    const first = async ({ after, skip, limit, ...query }: ArgsIn<'applications.page'>) => ({
      ...unwrap<{ rows: ApplicationRow[] }>(await bridge.host.call('applications.page', { ...query, after, skip, limit })),
      total: unwrap<number>(await bridge.host.call('applications.count', query)),
    });
    const all = await first({ limit: 1 });
    const grid = page.getByTestId('applications-grid');
    const count = page.getByTestId('application-count');

    await app.goTo('Ansökningar');
    await expect(count).toHaveText(`${sv.format(all.total)} ansökningar`);
    await expect(grid.locator('.ag-row[row-index="0"]')).toContainText(all.rows[0]!.caseNumber);

    // Sorting by requested amount, largest first: the first row is the store's largest request.
    const header = grid.getByRole('columnheader', { name: 'Sökt belopp' });
    await header.click();
    await header.click();
    const largest = await first({ sort: { column: 'requestedOre', direction: 'desc' }, limit: 1 });
    await expect(grid.locator('.ag-row[row-index="0"]')).toContainText(largest.rows[0]!.caseNumber);

    // Scrolled to the very end, the last row is the smallest request.
    const smallest = await first({ sort: { column: 'requestedOre', direction: 'desc' }, skip: all.total - 1, limit: 1 });
    await grid.locator('.ag-body-vertical-scroll-viewport').evaluate((viewport) => viewport.scrollTo({ top: viewport.scrollHeight }));
    await expect(grid.locator(`.ag-row[row-index="${all.total - 1}"]`)).toContainText(smallest.rows[0]!.caseNumber);

    // A toolbar filter and the full-text search narrow the total to what the store counts.
    await page.getByRole('combobox', { name: 'Status' }).selectOption({ label: 'Avslag' });
    const rejected = await first({ filters: [{ kind: 'set', column: 'status', values: ['rejected'] }], sort: { column: 'requestedOre', direction: 'desc' } });
    await expect(count).toHaveText(`${sv.format(rejected.total)} ansökningar`);
    await expect(grid.locator('.ag-row[row-index="0"]')).toContainText(rejected.rows[0]!.caseNumber);

    await page.getByRole('searchbox', { name: 'Sök på diarienummer, titel, sammanfattning och sökande' }).fill('läxhjälp mentor');
    const found = await first({
      search: 'läxhjälp mentor',
      filters: [{ kind: 'set', column: 'status', values: ['rejected'] }],
      sort: { column: 'requestedOre', direction: 'desc' },
    });
    expect(found.total).toBeGreaterThan(0);
    await expect(count).toHaveText(`${sv.format(found.total)} ansökningar`);
    await expect(grid.locator('.ag-row[row-index="0"]')).toContainText('Läxhjälp och mentorskap');
  });

  test('a column filter typed in kronor is applied in öre, and the organisations grid pages too', async ({ app, bridge, page }) => {
    await app.goTo('Ansökningar');
    const grid = page.getByTestId('applications-grid');
    await grid.getByRole('columnheader', { name: 'Sökt belopp' }).hover();
    await grid.getByRole('columnheader', { name: 'Sökt belopp' }).locator('.ag-header-cell-filter-button, .ag-header-icon').first().click();
    await page.locator('.ag-filter input[type="number"]').first().fill('5000000');
    const over = unwrap<number>(await bridge.host.call('applications.count', { filters: [{ kind: 'number', column: 'requestedOre', op: 'eq', value: 500_000_000 }] }));
    await expect(page.getByTestId('application-count')).toHaveText(`${sv.format(over)} ansökningar`);
    await page.keyboard.press('Escape');

    await page.getByRole('tab', { name: 'Organisationer' }).click();
    const organisations = unwrap<number>(await bridge.host.call('organisations.count', {}));
    await expect(page.getByTestId('organisation-count')).toHaveText(`${sv.format(organisations)} organisationer`);
    await page.getByTestId('organisations-grid').getByRole('columnheader', { name: 'Namn' }).click();
    const firstByName = unwrap<{ rows: { name: string }[] }>(await bridge.host.call('organisations.page', { sort: { column: 'name', direction: 'asc' }, limit: 1 }));
    await expect(page.getByTestId('organisations-grid').locator('.ag-row[row-index="0"]')).toContainText(firstByName.rows[0]!.name);
  });

  test('shows what was paid, less repaid, and the next report due, marked when it is overdue', async ({ app, bridge, page }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    const today = await page.evaluate(() => new Date().toLocaleDateString('sv-SE'));
    // The demo leaves only the latest calls' reports overdue: read from the newest applications on
    // (by id, at a million, the first twenty thousand are all from the first call) until a paid one has one.
    type Read = { rows: ApplicationRow[]; next: ArgsIn<'applications.page'>['after'] | null };
    let late: ApplicationRow | undefined;
    let after: Read['next'] = null;
    for (let pages = 0; !late && pages < 20; pages++) {
      const read: Read = unwrap<Read>(await bridge.host.call('applications.page', { sort: { column: 'receivedOn', direction: 'desc' }, limit: 1000, after }));
      late = read.rows.find((row) => row.paidOre > 0 && row.nextReportOn !== null && row.nextReportOn < today);
      if (!read.next) break;
      after = read.next;
    }
    expect(late, 'a paid application with an overdue report').toBeDefined();

    await app.goTo('Ansökningar');
    const grid = page.getByTestId('applications-grid');
    await expect(grid.getByRole('columnheader', { name: 'Utbetalt' })).toBeVisible();
    await expect(grid.getByRole('columnheader', { name: 'Nästa rapport' })).toBeVisible();
    await page.getByRole('searchbox', { name: 'Sök på diarienummer, titel, sammanfattning och sökande' }).fill(late!.caseNumber);
    await expect(page.getByTestId('application-count')).toHaveText('1 ansökan');
    const row = grid.locator('.ag-row[row-index="0"]');
    const paid = new Intl.NumberFormat('sv-SE', { style: 'currency', currency: 'SEK', maximumFractionDigits: 2, minimumFractionDigits: late!.paidOre % 100 ? 2 : 0 });
    await expect(row.locator('[col-id="paidOre"]')).toHaveText(paid.format(late!.paidOre / 100));
    const due = row.locator('[col-id="nextReportOn"]');
    await expect(due).toHaveText(`${late!.nextReportOn} · försenad`);
    await expect(due).toHaveClass(/\boverdue\b/);
    await due.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(screenshotsDir, 'applications-paid-next-report-sv.png') });
  });
});
