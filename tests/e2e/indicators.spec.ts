import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ArgsIn, DesignationResult, DesignationRuleInput, IndicatorDefinition, IndicatorMap, Profile, Ranking, ValueRow } from '../../main/contract/calls';
import { unwrap } from '../../main/contract/errors';
import { squareBoundaries } from '../support/boundaries';
import { CALL_PATH } from './bridge/paths';
import { expect, screenshotsDir, test } from './fixtures';

const formats = resolve(import.meta.dirname, '..', 'fixtures', 'formats');
const figure = (value: number) => new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 2 }).format(value);
const sv = new Intl.NumberFormat('sv-SE');
const UNEMPLOYMENT = 'Arbetslöshet 16–64 år';

test.describe('indicators with demo data', () => {
  test.use({ demo: true });

  test('profile, ranking and map show the numbers that are in the store', async ({ app, bridge, page, picks, workDir }) => {
    await app.goTo('Indikatorer');
    await expect(app.heading()).toHaveText('Indikatorer');

    // Profile: Stockholm's latest unemployment figure ends its line.
    const profile = unwrap<Profile>(await bridge.host.call('indicators.profile', { geo: '0180', indicators: ['N00914'], sexes: ['T'] }));
    const own = profile.series.find((line) => line.role === 'self')!;
    const latest = own.points.at(-1)!;
    await page.getByRole('checkbox', { name: UNEMPLOYMENT }).check();
    const profileChart = page.getByRole('figure', { name: `${UNEMPLOYMENT} – Stockholm` });
    await expect(profileChart).toContainText(figure(latest.value));
    // Each small multiple says on screen what it shows, in which unit, and from where.
    await expect(profileChart.locator('figcaption')).toContainText(`${UNEMPLOYMENT} – Stockholm`);
    await expect(profileChart.locator('figcaption')).toContainText('Enhet: %');
    await expect(profileChart).toContainText('Källa: ');
    await expect(profileChart).toContainText('Stockholms län (län) – Totalt');
    await expect(profileChart).toContainText('Riket – Totalt');
    await page.getByRole('checkbox', { name: 'Kvinnor' }).check();
    await expect(profileChart).toContainText('Stockholm – Kvinnor');
    // Comparison municipalities from a search among 290, by keyboard; every line is named, none paged away.
    const peers = page.getByRole('combobox', { name: 'Jämförelsekommuner' });
    await peers.fill('malmo');
    await page.keyboard.press('Enter');
    await peers.fill('göteb');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('button', { name: 'Ta bort Malmö' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Ta bort Göteborg' })).toBeVisible();
    await expect(profileChart).toContainText('Malmö – Kvinnor');
    await expect(profileChart).toContainText('Göteborg – Totalt');
    await expect(profileChart).not.toContainText(/\d+\/\d+/);
    await page.screenshot({ path: join(screenshotsDir, 'indicators-profile.png'), fullPage: true });

    // Ranking: every municipality, the best first, with its figure.
    await page.getByRole('tab', { name: 'Rangordning' }).click();
    await page.getByRole('combobox', { name: /^Indikator/ }).selectOption({ label: UNEMPLOYMENT });
    const ranking = unwrap<Ranking>(await bridge.host.call('indicators.ranking', { indicator: 'N00914', period: latest.period }));
    expect(ranking.rows).toHaveLength(290);
    const rankingChart = page.getByRole('figure', { name: `${UNEMPLOYMENT} ${latest.period}: de 15 bästa och sämsta kommunerna` });
    for (const row of [ranking.rows[0]!, ranking.rows.at(-1)!]) {
      await expect(rankingChart).toContainText(row.name);
      await expect(rankingChart).toContainText(figure(row.value));
    }
    await expect(rankingChart.locator('figcaption')).toContainText('Enhet: %');
    await expect(page.getByText('Bäst först: lägre värde är bättre.')).toBeVisible();
    // Every municipality in the table beside it, best first, the designated ones marked.
    const table = page.getByRole('table', { name: 'Alla kommuner, bäst först' });
    await expect(table.locator('tbody tr')).toHaveCount(290);
    await expect(table.locator('tbody tr').first()).toContainText(ranking.rows[0]!.name);
    const designated = ranking.rows.filter((row) => row.designated);
    expect(designated).toHaveLength(32);
    await expect(table.locator('tbody tr.designated')).toHaveCount(32);
    await expect(table.locator('tbody tr', { hasText: designated[0]!.name })).toContainText('Ja');
    // It fits the window: the page no longer runs to thousands of pixels.
    expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThan(1400);
    await page.screenshot({ path: join(screenshotsDir, 'indicators-ranking.png') });

    // Map: nothing until boundaries are imported, then a choropleth with the store's range.
    await page.getByRole('tab', { name: 'Karta' }).click();
    await page.getByRole('combobox', { name: /^Indikator/ }).selectOption({ label: UNEMPLOYMENT });
    await expect(page.getByText('Inga gränser inlästa för den här nivån.', { exact: false })).toBeVisible();
    const geojson = join(workDir, 'kommuner.geojson');
    writeFileSync(geojson, squareBoundaries(['0180', '1280', '1480', '0114']));
    picks.import = geojson;
    await page.getByRole('button', { name: 'Importera gränser (GeoJSON)…' }).click();
    await expect(page.getByText('4 av 4 områden inlästa.')).toBeVisible();
    const map = unwrap<IndicatorMap>(await bridge.host.call('indicators.map', { indicator: 'N00914', period: latest.period, level: 'municipality' }));
    const values = map.values.flatMap((place) => (place.value === null ? [] : [place.value]));
    const mapChart = page.getByRole('figure', { name: `${UNEMPLOYMENT} ${latest.period} per Kommuner` });
    await expect(mapChart.locator('path').first()).toBeVisible();
    await expect(mapChart).toContainText(figure(Math.max(...values)));
    await expect(mapChart).toContainText(figure(Math.min(...values)));
    await page.screenshot({ path: join(screenshotsDir, 'indicators-map.png'), fullPage: true });
  });

  test('the values grid pages the store\'s values: counts, sorts and filters in SQLite match the store', async ({ app, bridge, page }) => {
    const definitions = unwrap<IndicatorDefinition[]>(await bridge.host.call('indicators.list', {}));
    const year = definitions.find((definition) => definition.code === 'N00914')!.periods.at(-1)!;
    type Query = ArgsIn<'indicators.valuesCount'>;
    type GridFilter = NonNullable<Query['filters']>[number];
    const view = (filters: GridFilter[], sort: Query['sort'] = null): Query => ({
      filters: [{ kind: 'set', column: 'indicator', values: ['N00914'] }, ...filters],
      sort,
    });
    const count = async (query: Query) => unwrap<number>(await bridge.host.call('indicators.valuesCount', query));
    const first = async (query: Query) => unwrap<{ rows: ValueRow[] }>(await bridge.host.call('indicators.valuesPage', { ...query, limit: 1 })).rows[0]!;
    const thisYear: GridFilter = { kind: 'number', column: 'year', op: 'eq', value: year };

    await app.goTo('Indikatorer');
    await page.getByRole('tab', { name: 'Värden' }).click();
    await page.getByRole('combobox', { name: /^Indikator/ }).selectOption({ label: UNEMPLOYMENT });
    await page.getByRole('combobox', { name: /^År/ }).selectOption(String(year));
    const grid = page.getByTestId('indicator-values-grid');
    const shown = page.getByTestId('value-count');
    const top = grid.locator('.ag-row[row-index="0"]');
    await expect(shown).toHaveText(`${sv.format(await count(view([thisYear])))} värden`);

    // Sorted by value, largest first: the first row is the store's largest figure of the year.
    const valueHeader = grid.getByRole('columnheader', { name: 'Värde' });
    await valueHeader.click();
    await valueHeader.click();
    const largest = await first(view([thisYear], { column: 'value', direction: 'desc' }));
    await expect(top.locator('[col-id="geoCode"]')).toHaveText(largest.geoCode);
    await expect(top.locator('[col-id="value"]')).toHaveText(figure(largest.value));

    // Women in municipalities only: the count and the top row follow.
    await page.getByRole('combobox', { name: /^Kön/ }).selectOption({ label: 'Kvinnor' });
    await page.getByRole('combobox', { name: /^Nivå/ }).selectOption({ label: 'Kommuner' });
    const women = view(
      [thisYear, { kind: 'set', column: 'sex', values: ['K'] }, { kind: 'set', column: 'level', values: ['municipality'] }],
      { column: 'value', direction: 'desc' },
    );
    await expect(shown).toHaveText(`${sv.format(await count(women))} värden`);
    const topWoman = await first(women);
    await expect(top.locator('[col-id="geoCode"]')).toHaveText(topWoman.geoCode);
    await expect(top.locator('[col-id="sex"]')).toHaveText('Kvinnor');

    // Every year of one place, by a column filter on its name, sorted by year: Malmö's earliest first.
    await page.getByRole('combobox', { name: /^År/ }).selectOption({ label: 'Alla år' });
    await grid.getByRole('columnheader', { name: 'Namn' }).hover();
    await grid.getByRole('columnheader', { name: 'Namn' }).locator('.ag-header-cell-filter-button, .ag-header-icon').first().click();
    await page.locator('.ag-filter input[type="text"]').first().fill('Malmö');
    await page.keyboard.press('Escape');
    await grid.getByRole('columnheader', { name: 'År' }).click();
    const malmo = view(
      [{ kind: 'set', column: 'sex', values: ['K'] }, { kind: 'set', column: 'level', values: ['municipality'] }, { kind: 'text', column: 'placeName', op: 'contains', value: 'Malmö' }],
      { column: 'year', direction: 'asc' },
    );
    const malmoCount = await count(malmo);
    expect(malmoCount).toBeGreaterThan(1);
    await expect(shown).toHaveText(`${sv.format(malmoCount)} värden`);
    const earliest = await first(malmo);
    await expect(top.locator('[col-id="year"]')).toHaveText(String(earliest.year));
    await expect(top.locator('[col-id="value"]')).toHaveText(figure(earliest.value));
    await expect(grid.locator('.ag-row')).toHaveCount(malmoCount);
    await page.screenshot({ path: join(screenshotsDir, 'indicators-values.png'), fullPage: true });
  });

  test('the values grid sorts one indicator\'s values only: with all indicators its headers do not sort, and a hint says why', async ({ app, bridge, page }) => {
    const definitions = unwrap<IndicatorDefinition[]>(await bridge.host.call('indicators.list', {}));
    const year = definitions.find((definition) => definition.code === 'N00914')!.periods.at(-1)!;
    type Query = ArgsIn<'indicators.valuesPage'>;
    type GridFilter = NonNullable<Query['filters']>[number];
    const thisYear: GridFilter = { kind: 'number', column: 'year', op: 'eq', value: year };
    const unemployment: GridFilter = { kind: 'set', column: 'indicator', values: ['N00914'] };
    const TOP = 8;
    const storeTop = async (query: Query) => unwrap<{ rows: ValueRow[] }>(await bridge.host.call('indicators.valuesPage', { ...query, limit: TOP })).rows;
    // Every page the grid asks for, with the bridge's answer: the boundary must refuse none.
    const answers: Promise<{ args: unknown; ok: boolean }>[] = [];
    page.on('response', (response) => {
      const request = response.request();
      if (!request.url().endsWith(CALL_PATH)) return;
      const body = request.postDataJSON() as { name: string; args: unknown };
      if (body.name === 'indicators.valuesPage') answers.push(response.json().then((answer: { ok: boolean }) => ({ args: body.args, ok: answer.ok })));
    });

    await app.goTo('Indikatorer');
    await page.getByRole('tab', { name: 'Värden' }).click();
    const indicator = page.getByRole('combobox', { name: /^Indikator/ });
    await indicator.selectOption({ label: UNEMPLOYMENT });
    await page.getByRole('combobox', { name: /^År/ }).selectOption(String(year));
    const grid = page.getByTestId('indicator-values-grid');
    const hint = page.getByTestId('value-sort-hint');
    const valueHeader = grid.getByRole('columnheader', { name: 'Värde' });
    // The grid's first rows are the store's, in its order: place and figure, row by row.
    const showsTop = async (rows: ValueRow[]) => {
      expect(rows).toHaveLength(TOP);
      for (const [index, row] of rows.entries()) {
        const shown = grid.locator(`.ag-row[row-index="${index}"]`);
        await expect(shown.locator('[col-id="geoCode"]')).toHaveText(row.geoCode);
        await expect(shown.locator('[col-id="value"]')).toHaveText(figure(row.value));
      }
    };
    const values = (rows: ValueRow[]) => rows.map((row) => row.value);
    await expect(hint).toHaveCount(0);

    // One indicator: a click sorts by value ascending, a second click descending.
    await valueHeader.click();
    await expect(valueHeader).toHaveAttribute('aria-sort', 'ascending');
    const ascending = await storeTop({ filters: [unemployment, thisYear], sort: { column: 'value', direction: 'asc' } });
    expect(values(ascending)).toEqual([...values(ascending)].sort((a, b) => a - b));
    await showsTop(ascending);
    await valueHeader.click();
    await expect(valueHeader).toHaveAttribute('aria-sort', 'descending');
    const descending = await storeTop({ filters: [unemployment, thisYear], sort: { column: 'value', direction: 'desc' } });
    expect(values(descending)).toEqual([...values(descending)].sort((a, b) => b - a));
    expect(descending[0]!.value).toBeGreaterThan(ascending[0]!.value);
    await showsTop(descending);

    // All indicators, sorted before: the sort is dropped (percentages and kronor do not sort
    // together), the rows come in the store's order, and the hint says what to do.
    await indicator.selectOption({ label: 'Alla indikatorer' });
    await expect(hint).toHaveText('Välj en indikator för att sortera');
    await expect(indicator).toHaveAccessibleDescription('Välj en indikator för att sortera');
    await expect(valueHeader).not.toHaveAttribute('aria-sort', /ascending|descending/);
    const unsorted = await storeTop({ filters: [thisYear] });
    await showsTop(unsorted);
    const count = unwrap<number>(await bridge.host.call('indicators.valuesCount', { filters: [thisYear] }));
    await expect(page.getByTestId('value-count')).toHaveText(`${sv.format(count)} värden`);
    // Neither a click nor the keyboard sorts the value column now.
    await valueHeader.click();
    await expect(valueHeader).not.toHaveAttribute('aria-sort', /ascending|descending/);
    await valueHeader.focus();
    await page.keyboard.press('Enter');
    await expect(valueHeader).not.toHaveAttribute('aria-sort', /ascending|descending/);
    await showsTop(unsorted);

    // One indicator again: the header sorts, from the keyboard too, and the hint is gone.
    await indicator.selectOption({ label: UNEMPLOYMENT });
    await expect(hint).toHaveCount(0);
    await valueHeader.focus();
    await page.keyboard.press('Enter');
    await expect(valueHeader).toHaveAttribute('aria-sort', 'ascending');
    await showsTop(ascending);

    const answered = await Promise.all(answers);
    expect(answered.length).toBeGreaterThan(3);
    expect(answered.filter((answer) => !answer.ok)).toEqual([]);
  });
});

test.describe('designation with demo data', () => {
  test.use({ demo: true });

  test('the 2022-shaped rule lists the qualifying municipalities with their figures, and exports them', async ({ app, bridge, page, picks, workDir }) => {
    await app.goTo('Indikatorer');
    await page.getByRole('tab', { name: 'Utpekande' }).click();
    await page.getByRole('button', { name: 'Kör regeln' }).click();
    const rule: DesignationRuleInput = {
      name: 'Utpekande',
      combine: 'and',
      conditions: [
        { indicator: 'OJI', period: 2023, comparison: '>=', threshold: { kind: 'sd', k: 1 } },
        { indicator: 'OMRT12', period: 2023, comparison: '>=', threshold: { kind: 'sd', k: 1.5 } },
      ],
    };
    const result = unwrap<DesignationResult>(await bridge.host.call('designation.run', { rule }));
    const qualifying = result.rows.filter((row) => row.qualifies);
    const shown = page.getByTestId('designation-result');
    await expect(shown.getByRole('heading')).toHaveText(`${qualifying.length} kommuner uppfyller regeln`);
    const first = qualifying[0]!;
    await expect(shown.getByRole('row', { name: new RegExp(first.name) })).toContainText(figure(first.values[1]!));
    await expect(shown).toContainText(`gräns ${figure(result.conditions[0]!.threshold!)}`);

    picks.export = join(workDir, 'utpekade.csv');
    await page.getByRole('button', { name: 'Exportera CSV…' }).click();
    await expect(page.getByText(`${qualifying.length} kommuner exporterade.`)).toBeVisible();
    const lines = readFileSync(picks.export, 'utf8').trim().split('\r\n');
    expect(lines).toHaveLength(qualifying.length + 1);
    expect(lines[1]).toContain(`${first.code};${first.name}`);
  });
});

test.describe('indicators in an empty store', () => {
  test('say there is nothing yet; a Kolada file is checked, imported, and its values show in the profile', async ({ app, page, picks }) => {
    await page.getByRole('button', { name: 'Börja tomt' }).click();
    await app.goTo('Indikatorer');
    await expect(page.getByText('Det finns inga indikatorvärden i datafilen än.', { exact: false })).toBeVisible();
    await page.getByRole('tab', { name: 'Importera' }).click();
    picks.import = join(formats, 'kolada-values.json');
    await page.getByRole('button', { name: 'Välj fil och kontrollera…' }).click();
    await expect(page.getByText('Fil: kolada-values.json')).toBeVisible();
    // The file is checked as soon as it is chosen.
    const summary = page.getByTestId('indicator-import-summary');
    await expect(summary).toContainText('12 rader: 11 godkända, 0 avvisade. 11 nya, 0 ändrade, 0 oförändrade. Kontroll klar, inget sparat.');
    await page.getByRole('button', { name: 'Importera', exact: true }).click();
    await expect(summary).toContainText('11 nya, 0 ändrade, 0 oförändrade. Sparat.');

    await page.getByRole('tab', { name: 'Profil' }).click();
    // The file's figures: Stockholm 7,1 in 2021 and 6,5 in 2022; Malmö's women's 2021 figure is missing, not 0.
    const chart = page.getByRole('figure', { name: `${UNEMPLOYMENT} – Stockholm` });
    await expect(chart).toContainText('6,5');
    await expect(chart).toContainText('2022');

    // The values grid: one row per value, the latest year first; Malmö's 2022 figures by sex with their source.
    await page.getByRole('tab', { name: 'Värden' }).click();
    const grid = page.getByTestId('indicator-values-grid');
    const malmo = grid.locator('.ag-row', { hasText: 'Malmö' });
    const sex = (name: string) => malmo.filter({ has: page.locator('[col-id="sex"]', { hasText: name }) });
    await expect(page.getByTestId('value-count')).toHaveText('6 värden');
    await expect(malmo).toHaveCount(3);
    await expect(sex('Totalt').locator('[col-id="value"]')).toHaveText('11,2');
    await expect(sex('Kvinnor').locator('[col-id="value"]')).toHaveText('10,7');
    await expect(sex('Totalt')).toContainText('kolada-values.json');
    // In 2021 women's figure is missing: no row for it, never a 0.
    await page.getByRole('combobox', { name: /^År/ }).selectOption('2021');
    await expect(page.getByTestId('value-count')).toHaveText('5 värden');
    await expect(malmo).toHaveCount(2);
    await expect(sex('Kvinnor')).toHaveCount(0);
    await expect(sex('Män').locator('[col-id="value"]')).toHaveText('12,6');
  });
});
