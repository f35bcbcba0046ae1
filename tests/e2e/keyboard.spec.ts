import type { Page } from '@playwright/test';
import { expect, tabTo, test } from './fixtures';

// Everything a register user does, by keyboard alone: the WAI-ARIA grid and tabs patterns.

test.use({ demo: true });


const inGrid = (page: Page) => page.evaluate(() => document.activeElement?.closest('[data-testid="applications-grid"]') !== null);

test('opens an application, edits a field, saves and undoes with the keyboard alone', async ({ app, page }) => {
  await tabTo(page, app.nav('Ansökningar'));
  await page.keyboard.press('Enter');
  await expect(app.heading()).toHaveText('Ansökningar');
  const grid = page.getByTestId('applications-grid');
  await expect(grid.locator('.ag-row[row-index="0"]')).toBeVisible();

  // The grid is one tab stop: Tab reaches it, and the next Tab leaves it.
  for (let presses = 0; !(await inGrid(page)); presses++) {
    expect(presses, 'tab stops before the grid').toBeLessThan(40);
    await page.keyboard.press('Tab');
  }
  await page.keyboard.press('Tab');
  expect(await inGrid(page), 'Tab leaves the grid at once').toBe(false);
  await page.keyboard.press('Shift+Tab');
  expect(await inGrid(page)).toBe(true);

  // Arrow keys move to the first row; Enter opens it.
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Enter');
  const detail = page.getByRole('complementary');
  const form = detail.getByRole('form', { name: 'Ändra ansökan' });
  const title = form.getByLabel('Titel');
  await expect(title).not.toHaveValue('');
  const firstTitle = await title.inputValue();

  await tabTo(page, title);
  await page.keyboard.press('Control+A');
  await page.keyboard.type('Läxhjälp med tangentbord');
  await tabTo(page, form.getByRole('button', { name: 'Spara' }));
  await page.keyboard.press('Enter');
  await expect(form.getByRole('status')).toHaveText('Ändringarna är sparade.');
  await expect(page.getByText(/^Senaste ändring: Titel/)).toBeVisible();

  await tabTo(page, page.getByRole('button', { name: 'Ångra senaste ändringen' }), { back: true });
  await page.keyboard.press('Enter');
  await expect(page.getByText('Ändringen är ångrad.')).toBeVisible();
  await expect(title).toHaveValue(firstTitle);
});

test('tabs follow the arrow keys, Home and End, and are one tab stop', async ({ app, page }) => {
  await app.goTo('Ansökningar');
  const tabs = page.getByRole('tablist', { name: 'Ansökningar' });
  const selected = tabs.getByRole('tab', { selected: true });
  await expect(selected).toHaveText('Ansökningar');
  await tabTo(page, selected);
  await page.keyboard.press('ArrowRight');
  await expect(tabs.getByRole('tab', { name: 'Organisationer' })).toBeFocused();
  await expect(tabs.getByRole('tab', { name: 'Organisationer' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('tabpanel', { name: 'Organisationer' })).toBeVisible();
  await page.keyboard.press('End');
  await expect(tabs.getByRole('tab', { name: 'Budget per utlysning' })).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(tabs.getByRole('tab', { name: 'Ansökningar' })).toBeFocused();
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('Home');
  await expect(tabs.getByRole('tab', { name: 'Ansökningar' })).toHaveAttribute('aria-selected', 'true');
  // Only the selected tab is in the tab order.
  await expect(tabs.locator('[role="tab"][tabindex="0"]')).toHaveCount(1);
});
