import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ImportSummary, IndicatorDefinition, IndicatorMap } from '../../main/contract/calls';
import { unwrap } from '../../main/contract/errors';
import { squareBoundaries } from '../support/boundaries';
import { expect, test } from './fixtures';

// A name is text wherever it is shown: a RegSO named with markup, as an imported file may name
// one, must reach ECharts' HTML tooltip as those characters, never as elements.
const MARKUP_NAME = '<b id=pwned>Fet</b><a href=https://example.com/ id=pwnlink>länk</a><img src=x id=pwnimg>';

test.describe('names that look like HTML', () => {
  test.use({ demo: true });

  test('a RegSO named with markup shows as text in the map’s tooltip', async ({ app, bridge, page, picks, workDir }) => {
    const definitions = unwrap<IndicatorDefinition[]>(await bridge.host.call('indicators.list', {}));
    const definition = definitions.find((candidate) => candidate.levels.includes('regso') && candidate.periods.length > 0)!;
    const period = definition.periods.at(-1)!;
    const before = unwrap<IndicatorMap>(await bridge.host.call('indicators.map', { indicator: definition.code, period, level: 'regso' }));
    const place = before.values.find((candidate) => candidate.value !== null)!;

    // `grantlens import areas` takes this file the same way.
    const areas = join(workDir, 'regso.csv');
    writeFileSync(areas, `regsokod;namn\n${place.code};${MARKUP_NAME}\n`);
    const { fileId } = unwrap<{ fileId: string }>(await bridge.host.registerFile(areas));
    const imported = unwrap<ImportSummary>(await bridge.host.call('areas.import', { fileId }));
    expect(imported).toMatchObject({ rejected: 0, updated: 1 });

    await app.goTo('Indikatorer');
    await page.getByRole('tab', { name: 'Karta' }).click();
    await page.getByRole('combobox', { name: 'Nivå' }).selectOption({ label: 'RegSO' });
    await page.getByRole('combobox', { name: /^Indikator/ }).selectOption({ value: definition.code });
    const geojson = join(workDir, 'regso.geojson');
    writeFileSync(geojson, squareBoundaries([place.code], 'regsokod'));
    picks.import = geojson;
    await page.getByRole('button', { name: 'Importera gränser (GeoJSON)…' }).click();
    await expect(page.getByText('1 av 1 områden inlästa.')).toBeVisible();

    const map = page.getByRole('figure').filter({ has: page.locator('path') }).first();
    const area = map.locator('path').first();
    await expect(area).toBeVisible();
    await area.hover();
    const tooltip = page.locator('div').filter({ hasText: /^<b id=pwned>Fet<\/b>/ }).last();
    await expect(tooltip).toBeVisible();
    await expect(tooltip).toContainText(`${MARKUP_NAME}:`);
    for (const planted of ['#pwned', '#pwnlink', '#pwnimg']) await expect(page.locator(planted)).toHaveCount(0);
  });
});
