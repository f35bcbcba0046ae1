import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EvaluationDashboard, EvaluationDid, GrantPage } from '../../main/contract/calls';
import { unwrap } from '../../main/contract/errors';
import { expect, screenshotsDir, test } from './fixtures';

// Utvärderingar with the demo's plans, judged on the demo's own day so the figures hold whenever
// the test runs: the dashboard, one grant's page, the timeline, the effect with its pre-trend
// chart, and the report as HTML and, through Chromium's print, as PDF.

test.use({ demo: true });

const DAY = '2025-06-30';
const figure = (value: number, decimals = 1) => value.toLocaleString('sv-SE', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });

test('the dashboard counts grants by status and lists deadlines; a grant’s page says why it is late and follows its indicators', async ({ app, page, bridge }) => {
  const dashboard = unwrap<EvaluationDashboard>(await bridge.host.call('evaluation.dashboard', { today: DAY }));
  await app.goTo('Utvärderingar');
  await expect(app.heading()).toHaveText('Utvärderingar');
  await page.getByLabel('Bedömningsdag').fill(DAY);

  for (const [status, label] of [['on_track', 'Enligt plan'], ['at_risk', 'I riskzonen'], ['late', 'Försenad'], ['completed', 'Avslutad']] as const) {
    await expect(page.getByTestId(`status-${status}`)).toContainText(label);
    await expect(page.getByTestId(`status-${status}`).locator('dd')).toHaveText(String(dashboard.counts[status]));
  }
  const soon = dashboard.deadlines.filter((row) => row.days <= 30);
  expect(soon.length).toBeGreaterThan(0);
  await expect(page.getByRole('table', { name: 'Inom 30 dagar' }).locator('tbody tr')).toHaveCount(soon.length);
  await expect(page.getByRole('table', { name: 'Försenade rapporter' }).locator('tbody tr')).toHaveCount(dashboard.overdueReports.length);
  await page.screenshot({ path: join(screenshotsDir, 'evaluations-dashboard.png') });

  // Keyboard: the case number is a button reached and pressed without the mouse.
  const late = dashboard.grants.find((grant) => grant.status === 'late' && grant.reasons[0]!.code === 'milestone_overdue')!;
  const openLate = page.getByRole('table', { name: 'Fleråriga bidrag' }).getByRole('button', { name: `Öppna ${late.caseNumber}` });
  await openLate.focus();
  await page.keyboard.press('Enter');

  const grant = unwrap<GrantPage>(await bridge.host.call('evaluation.grant', { applicationId: late.applicationId, today: DAY }));
  await expect(page.getByRole('heading', { level: 2 })).toHaveText(`${grant.grant.caseNumber} ${grant.grant.title}`);
  await expect(page.getByRole('heading', { name: /Status:/ })).toContainText('Försenad');
  const reason = late.reasons[0]!;
  await expect(page.getByTestId('status-reasons')).toContainText(`Milstolpen ”${reason.params.title}” skulle vara klar ${reason.params.dueOn} (${reason.params.days} ${reason.params.days === 1 ? 'dag' : 'dagar'} sen).`);
  const tracked = grant.tracked[0]!.followUp;
  const followUp = page.getByRole('table', { name: 'Uppföljning av indikatorer' });
  await expect(followUp.locator('tbody tr').first()).toContainText(`${figure(tracked.baseline!.value)} (${tracked.baseline!.year})`);
  await expect(followUp.locator('tbody tr').first()).toContainText(`${figure(tracked.latest!.value)} (${tracked.latest!.year})`);
  await expect(page.getByRole('table', { name: 'Milstolpar och leveranser' }).locator('tbody tr')).toHaveCount(grant.milestones.length);
  await expect(page.getByRole('table', { name: 'Milstolpar och leveranser' })).toContainText(/\d+ dag(ar)? sen/);
  await page.screenshot({ path: join(screenshotsDir, 'evaluations-grant.png'), fullPage: true });

  // A further indicator is followed from a baseline picked among the store's values, never typed, with comparison places suggested.
  const before = grant.tracked.length;
  const track = page.getByRole('form', { name: 'Följ en indikator' });
  await track.getByLabel('Indikator').selectOption({ label: 'Eftergymnasial utbildning 25–64 år' });
  const baseYear = grant.grant.firstYear - 1;
  const stored = unwrap<{ series: { role: string; points: { period: number; value: number }[] }[] }>(
    await bridge.host.call('indicators.profile', { geo: grant.grant.municipalityCode!, indicators: ['UF0506EG'], sexes: ['T'] }),
  ).series.find((line) => line.role === 'self')!.points.find((point) => point.period === baseYear)!;
  await expect(track.getByLabel('Utgångsläge')).toHaveValue(String(baseYear));
  await expect(track.getByLabel('Utgångsläge').locator('option:checked')).toHaveText(`${figure(stored.value)} (${baseYear})`);
  await track.getByRole('button', { name: 'Följ indikatorn' }).click();
  await expect(followUp.locator('tbody tr')).toHaveCount(before + 1);
  await expect(followUp.locator('tbody tr', { hasText: 'Eftergymnasial utbildning' })).toContainText(`${figure(stored.value)} (${baseYear})`);
  await expect(followUp.locator('tbody tr', { hasText: 'Eftergymnasial utbildning' })).toContainText('Jämförelseområden:');

  // The overdue milestone is marked done on the day judged.
  await page.getByRole('button', { name: `Markera klar: ${reason.params.title}` }).click();
  await expect(page.getByRole('table', { name: 'Milstolpar och leveranser' }).locator('tr', { hasText: String(reason.params.title) }).first()).toContainText(`Klar ${DAY}`);

  // A note is kept with the plan.
  await page.getByRole('form', { name: 'Ny anteckning' }).getByLabel('Ny anteckning').fill('Intervjuerna är bokade.');
  await page.getByRole('button', { name: 'Spara anteckning' }).click();
  await expect(page.getByText('Intervjuerna är bokade.')).toBeVisible();
});

test('the timeline draws every grant, and the effect view shows the pre-trend chart with 95 % intervals and the ATT(g,t) table', async ({ app, page, bridge }) => {
  await app.goTo('Utvärderingar');
  await page.getByLabel('Bedömningsdag').fill(DAY);
  await page.getByRole('tab', { name: 'Tidslinje' }).click();
  const timeline = page.getByRole('figure', { name: 'Tidslinje för fleråriga bidrag' });
  const dashboard = unwrap<EvaluationDashboard>(await bridge.host.call('evaluation.dashboard', { today: DAY }));
  await expect(timeline.locator('svg')).toBeVisible();
  await expect(timeline).toContainText(dashboard.timeline[0]!.caseNumber);
  await expect(timeline).toContainText('I dag');
  await page.screenshot({ path: join(screenshotsDir, 'evaluations-timeline.png') });

  await page.getByRole('tab', { name: 'Effekt' }).click();
  const did = unwrap<EvaluationDid>(await bridge.host.call('evaluation.did', { indicator: 'AM0207AC', followResearch: true }));
  const chart = page.getByRole('figure', { name: /^Effekt per år från start, med 95 % konfidensintervall/ });
  await expect(chart.locator('svg')).toBeVisible();
  await expect(chart).toContainText('95 % intervall');
  await page.screenshot({ path: join(screenshotsDir, 'evaluations-effect.png'), fullPage: true });
  await expect(chart).toContainText(String(did.event[0]!.e));
  await expect(page.getByTestId('did-overall')).toContainText(`Genomsnittlig effekt efter start: +${figure(did.overall!.att, 2)}`);
  const cells = page.getByRole('table', { name: 'ATT(g,t) per startårskohort och år' });
  await expect(cells.locator('tbody tr')).toHaveCount(did.cells.length);
  const cell = did.cells.find((row) => row.year >= row.cohort)!;
  await expect(cells.locator('tbody tr').nth(did.cells.indexOf(cell))).toContainText(figure(cell.att, 3));

  await page.getByLabel('Jämförelse').selectOption({ label: 'Ännu inte behandlade' });
  const notYet = unwrap<EvaluationDid>(await bridge.host.call('evaluation.did', { indicator: 'AM0207AC', followResearch: true, control: 'notyet' }));
  await expect(page.getByTestId('did-overall')).toContainText(figure(notYet.overall!.att, 2));
});

test('a grant’s report is one HTML file holding its numbers, and Chromium prints it to a PDF', async ({ app, page, bridge, picks, workDir, context }) => {
  const dashboard = unwrap<EvaluationDashboard>(await bridge.host.call('evaluation.dashboard', { today: DAY }));
  // The first grant with a plan that tracks an indicator.
  let grant: GrantPage | undefined;
  for (const row of dashboard.grants) {
    grant = unwrap<GrantPage>(await bridge.host.call('evaluation.grant', { applicationId: row.applicationId, today: DAY }));
    if (grant.tracked.length > 0) break;
  }
  const target = { caseNumber: grant!.grant.caseNumber };
  await app.goTo('Utvärderingar');
  await page.getByLabel('Bedömningsdag').fill(DAY);
  await page.getByRole('table', { name: 'Fleråriga bidrag' }).getByRole('button', { name: `Öppna ${target.caseNumber}` }).click();
  picks.export = join(workDir, 'rapport.html');
  await page.getByRole('button', { name: 'Skriv rapport (HTML)…' }).click();
  await expect(page.getByRole('status')).toContainText('Rapporten är sparad');

  const html = readFileSync(picks.export, 'utf8');
  grant = grant!;
  expect(html).toContain(`${grant.grant.caseNumber} `);
  expect(html).toContain('<html lang="sv">');
  expect(html).not.toMatch(/<script|<link /);
  const tracked = grant.tracked[0]!.followUp;
  expect(html).toContain(`${figure(tracked.baseline!.value)} (${tracked.baseline!.year})`);

  // Another page of the same browser, so the app's own page keeps its no-foreign-requests check.
  const printed = await context.newPage();
  await printed.setContent(html);
  await expect(printed.getByRole('heading', { level: 1 })).toContainText(grant.grant.caseNumber);
  const pdf = await printed.pdf({ format: 'A4', printBackground: true });
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  expect((pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length).toBeGreaterThan(0);
  await printed.close();
});

test('a grant without a plan gets one from its page, then a finding and an attachment', async ({ app, page, bridge }) => {
  const dashboard = unwrap<EvaluationDashboard>(await bridge.host.call('evaluation.dashboard', { today: DAY }));
  let bare: GrantPage | undefined;
  for (const row of dashboard.grants) {
    bare = unwrap<GrantPage>(await bridge.host.call('evaluation.grant', { applicationId: row.applicationId, today: DAY }));
    if (bare.plan === null) break;
  }
  expect(bare!.plan).toBeNull();
  await app.goTo('Utvärderingar');
  await page.getByLabel('Bedömningsdag').fill(DAY);
  await page.getByRole('table', { name: 'Fleråriga bidrag' }).getByRole('button', { name: `Öppna ${bare!.grant.caseNumber}` }).click();
  await expect(page.getByText('Ingen utvärderingsplan registrerad för bidraget.')).toBeVisible();

  const plan = page.getByRole('form', { name: 'Ny utvärderingsplan' });
  await plan.getByLabel('Slag').selectOption({ label: 'Extern utvärdering' });
  await plan.getByLabel('Metod').selectOption({ label: 'Jämförelseområden' });
  await plan.getByLabel('Utvärderare').fill('Göteborgs universitet');
  await plan.getByLabel('Utvärderingsfrågor (en per rad)').fill('Når insatsen unga?\nHur fungerar samverkan?');
  await plan.getByRole('button', { name: 'Spara planen' }).click();
  await expect(page.getByText('Göteborgs universitet')).toBeVisible();
  await expect(page.getByRole('listitem').filter({ hasText: 'Hur fungerar samverkan?' })).toBeVisible();

  const finding = page.getByRole('form', { name: 'Nytt resultat' });
  await finding.getByLabel('Vad visar utvärderingen?').fill('Fler unga söker sommarjobb.');
  await finding.getByLabel('Underlag').selectOption({ label: 'Enkät' });
  await finding.getByLabel('Källa').fill('Delrapport 1');
  await finding.getByRole('button', { name: 'Spara resultatet' }).click();
  await expect(page.getByRole('listitem').filter({ hasText: 'Fler unga söker sommarjobb.' })).toContainText('(Enkät, Måttlig');
  // An attachment is kept with its SHA-256 (FIPS 180-2's example for "abc") and size.
  await page.getByLabel('Lägg till bilaga').setInputFiles({ name: 'Intervjuguide.txt', mimeType: 'text/plain', buffer: Buffer.from('abc') });
  await expect(page.getByRole('button', { name: 'Öppna Intervjuguide.txt' })).toBeVisible();
  await expect(page.getByRole('listitem').filter({ hasText: 'Intervjuguide.txt' })).toContainText('3 byte, SHA-256 ba7816bf8f01');

  const saved = unwrap<GrantPage>(await bridge.host.call('evaluation.grant', { applicationId: bare!.grant.applicationId, today: DAY }));
  expect(saved.attachments).toEqual([expect.objectContaining({ name: 'Intervjuguide.txt', mime: 'text/plain', size: 3, sha256: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad' })]);
  expect(saved.plan).toMatchObject({ kind: 'external_evaluation', method: 'comparison_areas', evaluator: 'Göteborgs universitet' });
  expect(saved.findings[0]).toMatchObject({ statement: 'Fler unga söker sommarjobb.', evidenceType: 'survey', source: 'Delrapport 1' });
});
