import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { barriers, expect, screenshotsDir, test } from './fixtures';

// Every screen at the two window sizes people have, in both languages: nothing wider than the
// window, no table clipped, nothing axe counts as a serious or critical barrier (WCAG 2.1 A and
// AA), and a screenshot of each to look at.

test.use({ demo: true });

const sizes = [
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
];

type Named = { sv: string; en: string };
const applications: Named = { sv: 'Ansökningar', en: 'Applications' };
const indicators: Named = { sv: 'Indikatorer', en: 'Indicators' };
const backups: Named = { sv: 'Säkerhetskopior', en: 'Backups' };

/** Screens by their nav name and, where the section has tabs, the tab to open. */
const screens: { nav: Named; tab?: Named; open?: (page: Page, language: 'sv' | 'en') => Promise<void> }[] = [
  { nav: { sv: 'Översikt', en: 'Overview' } },
  { nav: applications },
  {
    nav: applications,
    open: async (page) => {
      await page.getByTestId('applications-grid').locator('.ag-row[row-index="0"]').click();
      await expect(page.getByRole('complementary').getByRole('heading', { level: 2 })).toBeVisible();
    },
  },
  { nav: applications, tab: { sv: 'Budget per utlysning', en: 'Budget per call' } },
  { nav: indicators, tab: { sv: 'Profil', en: 'Profile' } },
  { nav: indicators, tab: { sv: 'Rangordning', en: 'Ranking' } },
  { nav: indicators, tab: { sv: 'Värden', en: 'Values' } },
  { nav: indicators, tab: { sv: 'Utpekande', en: 'Designation' } },
  { nav: indicators, tab: { sv: 'Importera', en: 'Import' } },
  { nav: { sv: 'Korstabell', en: 'Cross-tab' } },
  { nav: { sv: 'Utvärderingar', en: 'Evaluations' } },
  { nav: { sv: 'Import', en: 'Import' } },
  {
    nav: backups,
    open: async (page, language) => {
      await page.getByRole('button', { name: language === 'sv' ? 'Ta säkerhetskopia nu' : 'Back up now' }).click();
      await expect(page.locator('table.backup-list tbody tr')).toHaveCount(1);
    },
  },
  { nav: { sv: 'Inställningar', en: 'Settings' } },
  // Last: the restore's question is a modal dialog, which keeps the menu out of reach while it is open.
  {
    nav: backups,
    open: async (page) => {
      await page.locator('table.backup-list tbody tr').first().getByRole('button').click();
      await expect(page.getByRole('dialog')).toBeVisible();
    },
  },
];

/** What sticks out: the page wider than the window, or an element whose content is wider than its box and not meant to scroll. */
async function overflows(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const root = document.documentElement;
    if (root.scrollWidth > root.clientWidth + 1) found.push(`page ${root.scrollWidth} px wide in a ${root.clientWidth} px window`);
    for (const element of document.querySelectorAll<HTMLElement>('main *')) {
      const style = getComputedStyle(element);
      if (element.closest('.ag-root-wrapper, .ag-measurement-container, .visually-hidden, .chart, svg')) continue;
      // Content wider than its box: clipped where the box hides overflow, spilling out of it where it does not.
      const scrolls = style.overflowX === 'auto' || style.overflowX === 'scroll';
      if (!scrolls && style.display !== 'inline' && element.clientWidth > 0 && element.scrollWidth > element.clientWidth + 1) {
        const how = style.overflowX === 'visible' ? 'spills' : 'clips';
        found.push(`${element.tagName.toLowerCase()}.${element.className} ${how} ${element.scrollWidth - element.clientWidth} px (${element.textContent?.slice(0, 40)})`);
      }
    }
    // AG Grid tables whose columns run past their box: a horizontal scrollbar where none is needed.
    // The register's grid shows the columns the user chose and may be wider than a small window
    // (its case number stays pinned); beside the detail pane it keeps its key columns and must fit.
    const detailOpen = document.querySelector('main aside.detail') !== null;
    for (const viewport of document.querySelectorAll<HTMLElement>('main .ag-body-horizontal-scroll-viewport')) {
      if (viewport.scrollWidth > viewport.clientWidth + 1) {
        const grid = viewport.closest('[data-testid]')?.getAttribute('data-testid') ?? 'a grid';
        if (grid === 'applications-grid' && !detailOpen) continue;
        found.push(`${grid} scrolls sideways by ${viewport.scrollWidth - viewport.clientWidth} px`);
      }
    }
    return found;
  });
}

for (const language of ['sv', 'en'] as const) {
  for (const size of sizes) {
    test(`every screen fits ${size.width}x${size.height} in ${language === 'sv' ? 'Swedish' : 'English'}`, async ({ app, page }) => {
      // A walk of every screen, with axe on each: its time grows with the screens, not one page's.
      test.setTimeout(screens.length * 10_000);
      await page.setViewportSize(size);
      const problems: string[] = [];
      await page.evaluate((lang) => localStorage.setItem('grantlens.language', lang), language);
      await page.reload();
      for (const [index, screen] of screens.entries()) {
        await app.goTo(screen.nav[language]);
        if (screen.tab) await page.getByRole('tab', { name: screen.tab[language] }).click();
        await screen.open?.(page, language);
        await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
        const name = `${screen.nav[language]}${screen.tab ? ` › ${screen.tab[language]}` : ''}${screen.open ? ' (detail)' : ''}`;
        for (const problem of await overflows(page)) problems.push(`${name}: ${problem}`);
        // One size is enough for what axe looks at; both languages, as words and labels differ.
        if (size.width === sizes[0]!.width) for (const barrier of await barriers(page)) problems.push(`${name}: ${barrier}`);
        await page.screenshot({ path: join(screenshotsDir, `layout-${language}-${size.width}-${index}.png`) });
      }
      expect(problems).toEqual([]);
    });
  }
}
