import { expect, test } from './fixtures';

// After the decision: an evaluator records a payment and a report in the detail pane, sees both in
// the pane and its change log, and undoes the last of them.

test.use({ demo: true });

test('records a payment and a received report, logs both, and undoes the receipt', async ({ app, page }) => {
  const today = await page.evaluate(() => new Date().toLocaleDateString('sv-SE'));
  await app.goTo('Ansökningar');
  await page.getByRole('combobox', { name: 'Status' }).selectOption({ label: 'Beviljad' });
  await page.getByTestId('applications-grid').locator('.ag-row[row-index="0"]').click();
  const detail = page.getByRole('complementary');
  await expect(detail.getByRole('heading', { level: 2 })).toBeVisible();

  // A payment of nothing is refused beside the amount, in Swedish; then one in kronor typed the Swedish way.
  const payment = detail.getByRole('form', { name: 'Ny utbetalning eller återbetalning' });
  await expect(payment.getByLabel('Datum')).toHaveValue(today);
  await payment.getByLabel('Belopp (kr)').fill('0');
  await payment.getByRole('button', { name: 'Registrera betalning' }).click();
  await expect(payment.getByLabel('Belopp (kr)')).toHaveAttribute('aria-invalid', 'true');
  await expect(payment.getByRole('alert')).toHaveText('Ange ett belopp i kronor större än 0, till exempel 250 000.');
  // The demo pays its decisions out in full: paid minus repaid may not pass the decision, said beside the amount.
  await payment.getByLabel('Belopp (kr)').fill('5 000 000');
  await payment.getByRole('button', { name: 'Registrera betalning' }).click();
  await expect(payment.getByRole('alert')).toHaveText(/^Utbetalt minus återbetalt får inte överstiga beslutets belopp: högst 0\skr kan betalas ut till\.$/);
  // A repayment in kronor typed the Swedish way is recorded.
  await payment.getByLabel('Slag').selectOption({ label: 'Återbetalning' });
  await payment.getByLabel('Belopp (kr)').fill('12 345');
  await payment.getByRole('button', { name: 'Registrera betalning' }).click();
  await expect(payment.getByRole('status')).toHaveText('Sparat.');
  const payments = detail.getByRole('table', { name: 'Utbetalningar och återbetalningar' });
  await expect(payments.getByRole('row').filter({ hasText: /12\s345\skr/ })).toContainText(today);

  // More cannot come back than went out: the reason is given beside the amount.
  await payment.getByLabel('Belopp (kr)').fill('999 999 999');
  await payment.getByRole('button', { name: 'Registrera betalning' }).click();
  await expect(payment.getByRole('alert')).toHaveText(
    /^En återbetalning kan inte vara större än det som har betalats ut och inte redan betalats tillbaka \([\d\s]+kr\)\.$/,
  );

  // A final report falls due, then comes in; the receipt day defaults to today.
  const reportForm = detail.getByRole('form', { name: 'Ny rapport som ska in' });
  await reportForm.getByLabel('Slag').selectOption({ label: 'Slutrapport' });
  await reportForm.getByLabel('Ska in senast').fill('2031-03-17');
  await reportForm.getByRole('button', { name: 'Lägg till rapport' }).click();
  const reports = detail.getByRole('table', { name: 'Rapporter' });
  const due = reports.getByRole('row').filter({ hasText: '2031-03-17' });
  await expect(due).toContainText('Saknas');
  await expect(page.getByText(/^Senaste ändring: Lade till Slutrapport, ska in 2031-03-17/)).toBeVisible();
  await due.getByRole('button', { name: 'Markera slutrapport som ska in 2031-03-17 som inkommen' }).click();
  const receipt = detail.getByRole('form', { name: 'Inkommen slutrapport (2031-03-17)' });
  await expect(receipt.getByLabel('Inkom den')).toBeFocused();
  await expect(receipt.getByLabel('Inkom den')).toHaveValue(today);
  await page.keyboard.press('Enter');
  await expect(due).toContainText(today);
  await expect(due.getByRole('button')).toHaveCount(0);

  // The log speaks the UI's language: field labels, kronor, kinds, and the row by what a person knows.
  const log = detail.getByRole('table', { name: 'Ändringslogg' });
  await expect(log.getByRole('row').filter({ hasText: `Återbetalning ${today}` }).filter({ hasText: /: Belopp/ })).toContainText(/12\s345\skr/);
  await expect(log.getByRole('row').filter({ hasText: 'Slutrapport, ska in 2031-03-17: Ska in senast' })).toContainText('2031-03-17');
  await expect(log.getByRole('row').filter({ hasText: 'Slutrapport, ska in 2031-03-17: Inkom' }).first()).toContainText(today);
  await expect(log).not.toContainText('amount_ore');
  await expect(log).not.toContainText('application_id');

  await page.getByRole('button', { name: 'Ångra senaste ändringen' }).click();
  await expect(page.getByText('Ändringen är ångrad.')).toBeVisible();
  await expect(due).toContainText('Saknas');
  await expect(log.getByRole('row').filter({ hasText: 'Slutrapport, ska in 2031-03-17: Inkommen (ångrad)' })).toBeVisible();
  await expect(payments.getByRole('row').filter({ hasText: /12\s345\skr/ })).toBeVisible();
});

test('records a decision per year, which opens payments and is undone whole', async ({ app, page }) => {
  await app.goTo('Ansökningar');
  await page.getByRole('combobox', { name: 'Status' }).selectOption({ label: 'Under handläggning' });
  await page.getByTestId('applications-grid').locator('.ag-row[row-index="0"]').click();
  const detail = page.getByRole('complementary');
  await expect(detail.getByText('Registrera ett beslut innan utbetalningar kan registreras.')).toBeVisible();

  const decision = detail.getByRole('form', { name: 'Nytt beslut' });
  await decision.getByRole('button', { name: 'Registrera beslut' }).click();
  await expect(decision.getByRole('alert')).toHaveText('Ange beviljat belopp för minst ett år.');
  const years = decision.getByRole('group', { name: 'Beviljat belopp per år' }).getByRole('textbox');
  await years.first().fill('250 000');
  await decision.getByLabel('Villkor').fill('Slutrapport ska lämnas.');
  await decision.getByRole('button', { name: 'Registrera beslut' }).click();
  const decisions = detail.getByRole('table', { name: 'Beslut' });
  await expect(decisions.getByRole('row').filter({ hasText: 'Slutrapport ska lämnas.' })).toContainText(/250\s000\skr/);
  await expect(detail.getByRole('form', { name: 'Ny utbetalning eller återbetalning' })).toBeVisible();
  await expect(page.getByText(/^Senaste ändring: Lade till Beslut \d{4}-\d\d-\d\d · 250\s000\skr/)).toBeVisible();
  // The decision set the status, dated in the history.
  await expect(detail.getByRole('table', { name: 'Statushistorik' }).getByRole('row').last()).toContainText(/Delvis beviljad|Beviljad/);

  await page.getByRole('button', { name: 'Ångra senaste ändringen' }).click();
  await expect(page.getByText('Ändringen är ångrad.')).toBeVisible();
  await expect(decisions).toBeHidden();
  await expect(detail.getByText('Registrera ett beslut innan utbetalningar kan registreras.')).toBeVisible();
});
