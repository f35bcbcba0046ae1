import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { cellFilters, type ApplicationRow, type CrosstabDrillResult, type CrosstabQuery, type CrosstabResult } from '../../main/contract/calls';
import { unwrap } from '../../main/contract/errors';
import type { Bridge } from './bridge/bridge-server';
import { expect, screenshotsDir, test } from './fixtures';

// The Korstabell: the analysts' questions of issue 11 built with the mouse and with the keyboard
// alone, its figures against the engine's, drill-down into the register, the chart, and cancel.

const sek = new Intl.NumberFormat('sv-SE', { style: 'currency', currency: 'SEK', maximumFractionDigits: 0 });
const count = new Intl.NumberFormat('sv-SE');
const percent = new Intl.NumberFormat('sv-SE', { style: 'percent', maximumFractionDigits: 1 });

async function run(bridge: Bridge, query: Partial<CrosstabQuery>): Promise<CrosstabResult> {
  return unwrap<CrosstabResult>(await bridge.host.call('crosstab.run', { cols: [], filters: [], ...query }));
}

const grandTotal = (result: CrosstabResult) => result.cells.find((cell) => cell.total.every(Boolean))!;
const cellAt = (result: CrosstabResult, key: unknown[]) => result.cells.find((cell) => !cell.total.some(Boolean) && JSON.stringify(cell.key) === JSON.stringify(key))!;

/** Presses Tab (and only Tab) until the focused element has this accessible label. */
async function tabTo(page: Page, label: string): Promise<void> {
  for (let i = 0; i < 120; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const element = document.activeElement as HTMLInputElement | null;
      return element?.getAttribute('aria-label') ?? element?.labels?.[0]?.textContent ?? element?.textContent ?? '';
    });
    if (focused.trim() === label) return;
  }
  throw new Error(`Tab never reached ${label}`);
}

/** Presses Tab until a cell of the cross-tab has focus. */
async function tabToCell(page: Page): Promise<void> {
  for (let i = 0; i < 120; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(() => document.activeElement?.hasAttribute('data-cell') ?? false)) return;
  }
  throw new Error('Tab never reached the table');
}

/** Moves a field with its menu, by keyboard: Tab to the chip, Enter, Tab to the move, Enter. */
async function moveByKeyboard(page: Page, field: string, move: string): Promise<void> {
  await tabTo(page, `Flytta ${field}`);
  await page.keyboard.press('Enter');
  await tabTo(page, move);
  await page.keyboard.press('Enter');
  // Focus stays on the moved field.
  await expect(page.locator(':focus')).toHaveAttribute('aria-label', `Flytta ${field}`);
}

const chip = (page: Page, key: string) => page.locator(`[data-field="${key}"] button.chip-name`);

/** Drags a field onto an area's free corner, so it goes last (dropped on a field it goes before that one). */
async function dropLast(page: Page, key: string, area: string): Promise<void> {
  const target = page.getByTestId(`area-${area}`);
  const box = (await target.boundingBox())!;
  await chip(page, key).dragTo(target, { targetPosition: { x: box.width - 6, y: box.height - 6 } });
}

test.describe('the cross-tab', () => {
  test.use({ demo: true });

  test('opens with granted kronor by county and year, the engine\'s figures, and drills from a cell and the total', async ({ app, bridge, page }) => {
    await app.goTo('Korstabell');
    const table = page.getByTestId('crosstab-table');
    await expect(table.locator('caption')).toHaveText('Beviljat belopp (kr) per Län × År');
    const result = await run(bridge, { rows: ['county'], cols: ['year'], measures: ['granted_sek'] });
    await expect(table.locator('tr.grand-total td').last()).toHaveText(sek.format(grandTotal(result).values[0]! / 100));
    // Stockholm's row, by code with its name, and its figure in the first year.
    const stockholm = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: '01 Stockholms län' }) });
    const firstYear = result.members[1]![0]!.key;
    const cell = cellAt(result, ['01', firstYear]);
    await expect(stockholm.locator('td').first()).toHaveText(sek.format(cell.values[0]! / 100));

    // A click on the cell shows exactly its applications in the register.
    const drilled = unwrap<CrosstabDrillResult>(await bridge.host.call('crosstab.drill', { filters: cellFilters({ ...result, filters: [] }, cell) }));
    await stockholm.locator('td').first().click();
    await expect(app.heading()).toHaveText('Ansökningar');
    await expect(page.getByTestId('crosstab-cell')).toContainText(`Från korstabellen: Län 01 Stockholms län · År ${firstYear} — ${count.format(drilled.count)} ansökningar`);
    await expect(page.getByTestId('application-count')).toHaveText(`${drilled.count} ansökningar`);

    // Enter on the grand total, reached with the arrow keys: every application.
    await app.goTo('Korstabell');
    const all = unwrap<number>(await bridge.host.call('applications.count', {}));
    await table.locator('tr.grand-total td').last().focus();
    await page.keyboard.press('Enter');
    await expect(app.heading()).toHaveText('Ansökningar');
    await expect(page.getByTestId('application-count')).toHaveText(`${count.format(all)} ansökningar`);
    await page.getByRole('button', { name: 'Visa alla ansökningar' }).click();
    await expect(page.getByTestId('crosstab-cell')).toHaveCount(0);
  });

  test('drills from a call × area type cell by keyboard into exactly its applications, shown as such, and clears it', async ({ app, bridge, page }) => {
    // The demo's applications name no target areas: some in municipalities with RegSOs get one or two.
    const places = unwrap<{ code: string; name: string; level: string }[]>(await bridge.host.call('indicators.places', {}));
    const withAreas = [...new Set(places.filter((place) => place.level === 'regso').map((place) => place.code.slice(0, 4)))].slice(0, 4);
    for (const municipality of withAreas) {
      const name = places.find((place) => place.code === municipality)!.name;
      const found = unwrap<{ rows: ApplicationRow[] }>(await bridge.host.call('applications.page', { filters: [{ kind: 'text', column: 'municipality', op: 'equals', value: name }], limit: 6 }));
      for (const [i, row] of found.rows.entries()) {
        const targetAreas = [`${municipality}R001`, `${municipality}R001,${municipality}R002`, `${municipality}R003`][i % 3]!;
        unwrap(await bridge.host.call('applications.update', { id: row.id, changes: { targetAreas } }));
      }
    }
    const result = await run(bridge, { rows: ['call'], cols: ['area_type'], measures: ['applications'] });
    const cells = result.cells.filter((cell) => !cell.total.some(Boolean) && cell.key[1] !== null);
    const cell = cells.reduce((best, one) => (one.values[0]! > best.values[0]! ? one : best));
    const row = result.members[0]!.findIndex((member) => member.key === cell.key[0]);
    const column = result.members[1]!.findIndex((member) => member.key === cell.key[1]);
    const drilled = unwrap<CrosstabDrillResult>(await bridge.host.call('crosstab.drill', { filters: cellFilters({ ...result, filters: [] }, cell) }));
    expect(drilled.count).toBe(cell.values[0]);

    await app.nav('Korstabell').focus();
    await page.keyboard.press('Enter');
    const table = page.getByTestId('crosstab-table');
    await expect(table.locator('caption')).toHaveText('Beviljat belopp (kr) per Län × År');
    await moveByKeyboard(page, 'Utlysning', 'Till rader');
    await moveByKeyboard(page, 'Län', 'Ta bort');
    await moveByKeyboard(page, 'År', 'Ta bort');
    await moveByKeyboard(page, 'Områdestyp', 'Till kolumner');
    await moveByKeyboard(page, 'Ansökningar', 'Till mått');
    await moveByKeyboard(page, 'Beviljat belopp (kr)', 'Ta bort');
    await expect(table.locator('caption')).toHaveText('Ansökningar per Utlysning × Områdestyp');

    // Tab into the table (one cell is in the tab order), the arrows to the cell, Enter.
    await tabToCell(page);
    for (let i = 0; i < row; i++) await page.keyboard.press('ArrowDown');
    for (let i = 0; i < column; i++) await page.keyboard.press('ArrowRight');
    await expect(page.locator(':focus')).toHaveAttribute('data-cell', `${row}:${column}`);
    await expect(page.locator(':focus')).toHaveText(count.format(drilled.count));
    await page.keyboard.press('Enter');

    await expect(app.heading()).toHaveText('Ansökningar');
    const callName = result.members[0]![row]!.name;
    const n = count.format(drilled.count);
    await expect(page.getByTestId('crosstab-cell')).toContainText(`Från korstabellen: Utlysning ${callName} · Områdestyp ${String(cell.key[1])} — ${n} ${drilled.count === 1 ? 'ansökan' : 'ansökningar'}`);
    await expect(page.getByTestId('application-count')).toHaveText(`${n} ansökningar`);
    const grid = page.getByTestId('applications-grid');
    await expect(grid.locator('.ag-row')).toHaveCount(drilled.count);
    for (const id of drilled.ids) {
      const { caseNumber } = unwrap<{ caseNumber: string }>(await bridge.host.call('applications.get', { id }));
      await expect(grid.getByText(caseNumber, { exact: true })).toBeVisible();
    }

    // Cleared by keyboard, the whole register again.
    const all = unwrap<number>(await bridge.host.call('applications.count', {}));
    await tabTo(page, 'Visa alla ansökningar');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('crosstab-cell')).toHaveCount(0);
    await expect(page.getByTestId('application-count')).toHaveText(`${count.format(all)} ansökningar`);
  });

  test('says a filter on a call by the call\'s name, in the chart\'s title and in the register\'s banner', async ({ app, bridge, page }) => {
    await app.goTo('Korstabell');
    await expect(page.getByTestId('crosstab-table')).toBeVisible();
    const calls = await run(bridge, { rows: ['call'], measures: ['applications'] });
    const first = calls.members[0]![0]!;
    await moveByKeyboard(page, 'Utlysning', 'Till filter');
    await tabTo(page, 'Värden för Utlysning');
    await page.keyboard.type(first.name!);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect(page.locator('.crosstab-chart .chart-title')).toHaveText(`Beviljat belopp (kr) per Län × År (Utlysning ${first.name})`);
    await page.getByTestId('crosstab-table').locator('tr.grand-total td').last().click();
    await expect(page.getByTestId('crosstab-cell')).toContainText(`Från korstabellen: Utlysning ${first.name} — ${count.format(cellAt(calls, [first.key]).values[0]!)} ansökningar`);
  });

  test('builds approval rate by applicant type and stage by drag and drop, and charts it', async ({ app, bridge, page }) => {
    await app.goTo('Korstabell');
    const table = page.getByTestId('crosstab-table');
    await expect(table).toBeVisible();
    await chip(page, 'dimension:applicant_type').dragTo(page.getByTestId('area-rows'));
    await chip(page, 'dimension:county').dragTo(page.getByTestId('area-fields'));
    // A second column is refused: Steg stays among the fields while År is the column.
    await chip(page, 'dimension:stage').dragTo(page.getByTestId('area-cols'));
    await expect(page.getByTestId('area-fields').locator('[data-field="dimension:stage"]')).toHaveCount(1);
    await chip(page, 'dimension:year').dragTo(page.getByTestId('area-fields'));
    await chip(page, 'dimension:stage').dragTo(page.getByTestId('area-cols'));
    await expect(table.locator('caption')).toHaveText('Beviljat belopp (kr) per Sökandetyp × Steg');
    await chip(page, 'measure:approval_rate').dragTo(page.getByTestId('area-measures'));
    await chip(page, 'measure:granted_sek').dragTo(page.getByTestId('area-fields'));
    await expect(table.locator('caption')).toHaveText('Andel beviljade per Sökandetyp × Steg');

    const result = await run(bridge, { rows: ['applicant_type'], cols: ['stage'], measures: ['approval_rate'] });
    const nonProfit = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Ideell förening', exact: true }) });
    const stages = result.members[1]!.map((member) => member.key);
    const plan = cellAt(result, ['non_profit', 'plan']);
    await expect(nonProfit.locator('td').nth(stages.indexOf('plan'))).toHaveText(percent.format(plan.values[0]!));
    // The total is the true rate over all applications, never a sum or mean of the rates.
    await expect(table.locator('tr.grand-total td').last()).toHaveText(percent.format(grandTotal(result).values[0]!));

    // The chart of what is shown, in each kind.
    const chart = page.locator('.crosstab-chart');
    await expect(chart.getByText('Andel beviljade per Sökandetyp × Steg')).toBeVisible();
    for (const kind of ['Staplade', 'Linje', 'Värmekarta', 'Stapel']) {
      await chart.getByRole('radio', { name: kind }).check();
      await expect(chart.locator('svg').first()).toBeVisible();
    }
    await chart.getByRole('radio', { name: 'Värmekarta' }).check();
    await expect(chart.locator('svg').first()).toContainText('Kartläggning');
  });

  test('builds the same questions with the keyboard alone, and words an impossible combination', async ({ app, bridge, page }) => {
    await app.nav('Korstabell').focus();
    await page.keyboard.press('Enter');
    const table = page.getByTestId('crosstab-table');
    await expect(table.locator('caption')).toHaveText('Beviljat belopp (kr) per Län × År');

    await moveByKeyboard(page, 'Sökandetyp', 'Till rader');
    await moveByKeyboard(page, 'Län', 'Ta bort');
    await moveByKeyboard(page, 'År', 'Ta bort');
    await moveByKeyboard(page, 'Steg', 'Till kolumner');
    await moveByKeyboard(page, 'Andel beviljade', 'Till mått');
    await moveByKeyboard(page, 'Beviljat belopp (kr)', 'Ta bort');
    await expect(table.locator('caption')).toHaveText('Andel beviljade per Sökandetyp × Steg');
    const result = await run(bridge, { rows: ['applicant_type'], cols: ['stage'], measures: ['approval_rate'] });
    await expect(table.locator('tr.grand-total td').last()).toHaveText(percent.format(grandTotal(result).values[0]!));

    // A mean of an indicator by stage has no meaning: the table says what to change.
    await moveByKeyboard(page, 'Medelvärde', 'Till mått');
    await expect(page.getByRole('alert')).toHaveText('Medelvärde kan inte delas upp eller filtreras efter Sökandetyp. Ta bort Sökandetyp eller välj ett annat mått.');
    await moveByKeyboard(page, 'Medelvärde', 'Ta bort');
    await expect(page.getByRole('alert')).toHaveCount(0);

    // Filter by keyboard: Steg to the filters, one value chosen in its picker.
    await moveByKeyboard(page, 'Steg', 'Till filter');
    await tabTo(page, 'Värden för Steg');
    await page.keyboard.type('Plan');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    const filtered = await run(bridge, { rows: ['applicant_type'], measures: ['approval_rate'], filters: [{ dimension: 'stage', values: ['plan'] }] });
    await expect(table.locator('tr.grand-total td').last()).toHaveText(percent.format(grandTotal(filtered).values[0]!));
    await expect(page.locator('.crosstab-chart .chart-title')).toHaveText('Andel beviljade per Sökandetyp (Steg Plan för fortsatt arbete)');

    // Arrow keys move between cells; Enter drills into the focused one.
    await table.locator('td').first().focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowUp');
    await expect(table.locator('td').first()).toBeFocused();
    const first = cellAt(filtered, [filtered.members[0]![0]!.key]);
    const drilled = unwrap<CrosstabDrillResult>(await bridge.host.call('crosstab.drill', { filters: cellFilters({ ...filtered, filters: [{ dimension: 'stage', values: ['plan'] }] }, first) }));
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('application-count')).toHaveText(`${count.format(drilled.count)} ansökningar`);
  });

  test('exports the table as shown to CSV and Excel and the chart to PNG and SVG, and keeps analyses', async ({ app, bridge, page, picks, workDir }) => {
    await app.goTo('Korstabell');
    const result = await run(bridge, { rows: ['county'], cols: ['year'], measures: ['granted_sek'] });
    await expect(page.getByTestId('crosstab-table')).toBeVisible();

    picks.export = join(workDir, 'korstabell.csv');
    await page.getByRole('button', { name: 'Exportera CSV' }).click();
    await expect(page.getByText('exporterades till korstabell.csv')).toBeVisible();
    const lines = readFileSync(picks.export, 'utf8').slice(1).trimEnd().split('\r\n');
    expect(lines[0]).toBe(['Län', ...result.members[1]!.map((member) => String(member.key)), 'Totalt'].join(';'));
    // One line per county and the total, the total's last figure the grand total in kronor with öre.
    expect(lines).toHaveLength(result.members[0]!.length + 2);
    expect(lines.at(-1)!.split(';').at(-1)).toBe(new Intl.NumberFormat('sv-SE', { minimumFractionDigits: 2 }).format(grandTotal(result).values[0]! / 100));

    picks.export = join(workDir, 'korstabell.xlsx');
    await page.getByRole('button', { name: 'Exportera Excel' }).click();
    await expect(page.getByText('exporterades till korstabell.xlsx')).toBeVisible();
    expect(readFileSync(picks.export).subarray(0, 2).toString()).toBe('PK');

    const chart = page.locator('.crosstab-chart');
    picks.export = join(workDir, 'diagram.svg');
    await chart.getByRole('button', { name: 'Spara diagram som SVG' }).click();
    await expect(chart.getByText('Diagrammet sparades i diagram.svg.')).toBeVisible();
    const svg = readFileSync(picks.export, 'utf8');
    expect(svg).toMatch(/^<svg/);
    expect(svg).toContain('01 Stockholms län');
    // The title and the unit the screen shows above the chart are in the image too.
    expect(svg).toContain('>Beviljat belopp (kr) per Län × År</text>');
    expect(svg).toContain('>Enhet: kr</text>');
    picks.export = join(workDir, 'diagram.png');
    await chart.getByRole('button', { name: 'Spara diagram som PNG' }).click();
    await expect(chart.getByText('Diagrammet sparades i diagram.png.')).toBeVisible();
    expect(readFileSync(picks.export).subarray(1, 4).toString()).toBe('PNG');

    // Saved analyses: save the one shown, change the layout, open it again, delete and undo, share.
    const analyses = page.getByRole('group', { name: 'Sparade analyser' });
    await analyses.getByRole('textbox', { name: 'Namn på analysen' }).fill('Beviljat per län och år');
    await analyses.getByRole('button', { name: 'Spara analys' }).click();
    await expect(analyses.getByText('Analysen Beviljat per län och år är sparad.')).toBeVisible();
    await chip(page, 'dimension:year').dragTo(page.getByTestId('area-fields'));
    await expect(page.getByTestId('crosstab-table').locator('caption')).toHaveText('Beviljat belopp (kr) per Län');
    await analyses.getByRole('combobox', { name: 'Sparade analyser' }).selectOption({ label: 'Beviljat per län och år' });
    await expect(page.getByTestId('crosstab-table').locator('caption')).toHaveText('Beviljat belopp (kr) per Län × År');
    picks.export = join(workDir, 'analys.json');
    await analyses.getByRole('button', { name: 'Dela som fil…' }).click();
    await expect(analyses.getByText('Analysen sparades i analys.json.')).toBeVisible();
    expect(JSON.parse(readFileSync(picks.export, 'utf8'))).toMatchObject({ name: 'Beviljat per län och år', query: { rows: ['county'], cols: ['year'] } });
    await analyses.getByRole('button', { name: 'Ta bort analys' }).click();
    await analyses.getByRole('alertdialog').getByRole('button', { name: 'Ta bort analys' }).click();
    await expect(analyses.getByText('Analysen Beviljat per län och år är borttagen.')).toBeVisible();
    await expect(analyses.getByRole('option', { name: 'Beviljat per län och år' })).toHaveCount(0);
    await analyses.getByRole('button', { name: 'Ångra' }).click();
    await expect(analyses.getByRole('option', { name: 'Beviljat per län och år' })).toHaveCount(1);
  });

  test('screenshots in Swedish and English, with the heat map, and a nested table', async ({ app, bridge, page }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    for (const [language, name, heat] of [
      ['sv', 'Korstabell', 'Värmekarta'],
      ['en', 'Cross-tab', 'Heat map'],
    ] as const) {
      await page.evaluate((lang) => localStorage.setItem('grantlens.language', lang), language);
      await page.reload();
      await app.goTo(name);
      await expect(page.getByTestId('crosstab-table')).toBeVisible();
      await page.getByRole('checkbox', { name: heat }).check();
      await page.screenshot({ path: join(screenshotsDir, `crosstab-${language}.png`), fullPage: true });
      await page.screenshot({ path: join(screenshotsDir, `crosstab-${language}-window.png`) });
    }
    // Two row axes, nested, with subtotals, and two measures under each column member.
    await chip(page, 'dimension:applicant_type').dragTo(page.getByTestId('area-rows'));
    await chip(page, 'dimension:county').dragTo(page.getByTestId('area-fields'));
    await dropLast(page, 'dimension:has_evaluation', 'rows');
    await dropLast(page, 'measure:approval_rate', 'measures');
    const table = page.getByTestId('crosstab-table');
    await expect(table.locator('caption')).toHaveText('Granted amount (kr), Approval rate by Applicant type × Evaluation × Year');
    const nested = await run(bridge, { rows: ['applicant_type', 'has_evaluation'], cols: ['year'], measures: ['granted_sek', 'approval_rate'] });
    // A subtotal row under each applicant type, then the grand total.
    await expect(table.locator('tr.subtotal')).toHaveCount(nested.members[0]!.length);
    await expect(table.locator('tr.grand-total td').last()).toHaveText(percent.format(grandTotal(nested).values[1]!));
    await table.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(screenshotsDir, 'crosstab-en-nested.png') });
  });
});

test.describe('a slow cross-tab', () => {
  test.use({ demo: true, stall: { call: 'crosstab.run', ms: 20_000 } });

  test('shows that it runs and can be cancelled', async ({ app, page }) => {
    await app.goTo('Korstabell');
    await expect(page.getByText('Räknar…')).toBeVisible();
    await page.getByRole('button', { name: 'Avbryt' }).click();
    await expect(page.getByText('Beräkningen avbröts.', { exact: false })).toBeVisible();
    await expect(page.getByText('Räknar…')).toHaveCount(0);
  });
});
