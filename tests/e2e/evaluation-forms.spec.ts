import { join } from 'node:path';
import type { Page } from '@playwright/test';
import type { EvaluationDashboard, GrantPage } from '../../main/contract/calls';
import { unwrap } from '../../main/contract/errors';
import { expect, screenshotsDir, test, type GrantlensApp } from './fixtures';

// What an evaluator edits on a grant's page, by keyboard, over the demo as a first start shows it
// on a day of its own: risks, milestones, targets by year, comparison places, the plan changed and
// deleted behind a question; and the page reads again when the register changes under it.

const DAY = '2026-12-01';
test.use({ demo: DAY });

async function openGrant(app: GrantlensApp, page: Page, caseNumber: string, nav = 'Utvärderingar', day = 'Bedömningsdag', open = 'Öppna', table = 'Fleråriga bidrag') {
  await app.goTo(nav);
  await page.getByLabel(day).fill(DAY);
  const button = page.getByRole('table', { name: table }).getByRole('button', { name: `${open} ${caseNumber}` });
  await button.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 2 })).toContainText(caseNumber);
}

/** A grant with a plan, a tracked indicator and a risk: the page that has every form. */
async function fullGrant(bridge: { host: { call: (name: string, args: unknown) => Promise<unknown> } }): Promise<GrantPage> {
  const dashboard = unwrap<EvaluationDashboard>((await bridge.host.call('evaluation.dashboard', { today: DAY })) as never);
  for (const row of dashboard.grants) {
    const grant = unwrap<GrantPage>((await bridge.host.call('evaluation.grant', { applicationId: row.applicationId, today: DAY })) as never);
    if (grant.plan && grant.tracked.length > 0 && grant.risks.length > 0 && grant.status === 'on_track') return grant;
  }
  throw new Error('no grant with a plan, a tracked indicator and a risk');
}

test('on the day it is loaded the demo shows mostly grants on track, some at risk, a few late and some completed', async ({ app, page, bridge }) => {
  const { counts } = unwrap<EvaluationDashboard>(await bridge.host.call('evaluation.dashboard', { today: DAY }));
  expect(counts.on_track).toBeGreaterThan(counts.late);
  expect(counts.on_track).toBeGreaterThan(counts.at_risk);
  expect(Math.min(counts.late, counts.at_risk, counts.completed)).toBeGreaterThan(0);
  await app.goTo('Utvärderingar');
  await page.getByLabel('Bedömningsdag').fill(DAY);
  await expect(page.getByTestId('status-on_track').locator('dd')).toHaveText(String(counts.on_track));
  await expect(page.getByRole('table', { name: 'Inom 30 dagar' }).locator('tbody tr').first()).toBeVisible();
  await page.screenshot({ path: join(screenshotsDir, 'evaluations-first-start-sv.png') });
});

test('an evaluator records a risk and a milestone, sets targets and comparison places, changes and deletes the plan, by keyboard', async ({ app, page, bridge }) => {
  const grant = await fullGrant(bridge);
  const applicationId = grant.grant.applicationId;
  const reread = async () => unwrap<GrantPage>(await bridge.host.call('evaluation.grant', { applicationId, today: DAY }));
  await openGrant(app, page, grant.grant.caseNumber);

  // A risk: typed, its levels chosen with the arrow keys, saved with Enter.
  const riskForm = page.getByRole('form', { name: 'Ny risk' });
  await riskForm.getByLabel('Vad kan hända?').focus();
  await page.keyboard.type('Skolan byter rektor mitt i läsåret.');
  await page.keyboard.press('Tab');
  await page.keyboard.press('ArrowDown'); // Sannolikhet: Medel → Hög
  await page.keyboard.press('Tab');
  await page.keyboard.press('ArrowDown'); // Konsekvens: Medel → Hög
  await riskForm.getByLabel('Åtgärd').focus();
  await page.keyboard.type('Förankra arbetet i ledningsgruppen.');
  await riskForm.getByRole('button', { name: 'Spara risken' }).focus();
  await page.keyboard.press('Enter');
  const risks = page.getByRole('table', { name: 'Risker' });
  const riskRow = risks.locator('tr', { hasText: 'Skolan byter rektor' });
  await expect(riskRow).toContainText('Hög');
  await expect(riskRow).toContainText('Öppen');
  // Likely and grave and open: the grant is at risk, and says why.
  await expect(page.getByRole('heading', { name: /Status:/ })).toContainText('I riskzonen');
  await expect(page.getByTestId('status-reasons')).toContainText('Skolan byter rektor mitt i läsåret.');
  await riskRow.getByRole('button', { name: 'Stäng risken ”Skolan byter rektor mitt i läsåret.”' }).focus();
  await page.keyboard.press('Enter');
  await expect(riskRow).toContainText('Stängd');
  await expect(page.getByRole('heading', { name: /Status:/ })).toContainText('Enligt plan');

  // Deleting asks first: focus lands on Cancel, Escape keeps the row; Yes deletes it.
  await riskRow.getByRole('button', { name: 'Ta bort ”Skolan byter rektor mitt i läsåret.”' }).focus();
  await page.keyboard.press('Enter');
  const question = page.getByRole('group', { name: 'Ta bort ”Skolan byter rektor mitt i läsåret.”?' });
  await expect(question.getByRole('button', { name: 'Avbryt' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(question).toHaveCount(0);
  await expect(riskRow).toBeVisible();
  await riskRow.getByRole('button', { name: 'Ta bort ”Skolan byter rektor mitt i läsåret.”' }).focus();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Shift+Tab');
  await expect(question.getByRole('button', { name: 'Ja, ta bort' })).toBeFocused();
  await risks.screenshot({ path: join(screenshotsDir, 'evaluations-grant-delete-question-sv.png') });
  await page.keyboard.press('Enter');
  await expect(risks.locator('tr', { hasText: 'Skolan byter rektor' })).toHaveCount(0);
  expect((await reread()).risks.map((risk) => risk.description)).not.toContain('Skolan byter rektor mitt i läsåret.');

  // A deliverable due this month, then under way.
  const milestoneForm = page.getByRole('form', { name: 'Ny milstolpe eller leverans' });
  await milestoneForm.getByLabel('Vad').focus();
  await page.keyboard.type('Intervjuer med föräldrar');
  await milestoneForm.getByLabel('Senast').fill('2026-12-20');
  await milestoneForm.getByRole('button', { name: 'Spara milstolpen' }).focus();
  await page.keyboard.press('Enter');
  const milestones = page.getByRole('table', { name: 'Milstolpar och leveranser' });
  await expect(milestones.locator('tr', { hasText: 'Intervjuer med föräldrar' })).toContainText('Planerad');
  await milestones.getByLabel('Status för ”Intervjuer med föräldrar”').selectOption({ label: 'Pågår' });
  await expect(milestones.locator('tr', { hasText: 'Intervjuer med föräldrar' })).toContainText('Pågår');
  expect((await reread()).milestones.find((row) => row.title === 'Intervjuer med föräldrar')).toMatchObject({ kind: 'deliverable', dueOn: '2026-12-20', status: 'in_progress' });

  // Targets by year, typed the Swedish way; a word where a figure belongs is worded and not saved.
  const tracked = grant.tracked[0]!;
  const year = grant.grant.lastYear;
  const targets = page.getByRole('form', { name: 'Målvärden per år' });
  await targets.getByLabel(`Målvärde ${year}`).fill('mycket');
  await expect(targets.getByRole('alert')).toHaveText('Skriv ett tal, till exempel 72,5, eller lämna tomt.');
  await targets.getByLabel(`Målvärde ${year}`).fill('91,5');
  await expect(targets.getByRole('alert')).toHaveCount(0);
  await targets.getByRole('button', { name: 'Spara målvärdena' }).focus();
  await page.keyboard.press('Enter');
  await expect.poll(async () => (await reread()).tracked.find((row) => row.id === tracked.id)!.targets.find((target) => target.year === year)?.value).toBe(91.5);
  await expect(page.getByRole('form', { name: 'Målvärden per år' }).getByLabel(`Målvärde ${year}`)).toHaveValue('91,5');

  // Comparison places: one chosen by typing its name, then four suggested instead.
  const comparisons = page.getByRole('form', { name: 'Jämförelseområden' });
  await comparisons.getByRole('combobox', { name: 'Valda jämförelseområden' }).focus();
  const chosen = tracked.comparisons.length;
  await page.keyboard.type('Kiruna');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(comparisons.getByRole('button', { name: /Kiruna/ })).toBeVisible();
  await comparisons.getByRole('button', { name: 'Spara de valda' }).focus();
  await page.keyboard.press('Enter');
  await expect.poll(async () => (await reread()).tracked.find((row) => row.id === tracked.id)!.comparisons.length).toBe(chosen + 1);
  const saved = (await reread()).tracked.find((row) => row.id === tracked.id)!.comparisons;
  expect(saved.every((place) => place.chosenBy === 'evaluator')).toBe(true);
  expect(saved.map((place) => place.name)).toContain('Kiruna');
  await page.getByRole('form', { name: 'Jämförelseområden' }).getByRole('button', { name: 'Föreslå fyra' }).focus();
  await page.keyboard.press('Enter');
  await expect.poll(async () => (await reread()).tracked.find((row) => row.id === tracked.id)!.comparisons.map((place) => place.chosenBy)).toEqual(['suggested', 'suggested', 'suggested', 'suggested']);
  await page.getByRole('region', { name: 'Uppföljning av indikatorer' }).screenshot({ path: join(screenshotsDir, 'evaluations-grant-targets-sv.png') });
  await page.screenshot({ path: join(screenshotsDir, 'evaluations-grant-forms-sv.png'), fullPage: true });

  // The plan changed: its form opens filled in, and closes once saved.
  await page.getByRole('button', { name: 'Ändra planen' }).focus();
  await page.keyboard.press('Enter');
  const planForm = page.getByRole('form', { name: 'Ändra utvärderingsplanen' });
  await expect(planForm.getByLabel('Utvärderare')).toHaveValue(grant.plan!.evaluator);
  await planForm.getByLabel('Utvärderare').fill('Mittuniversitetet');
  await planForm.getByRole('button', { name: 'Spara planen' }).focus();
  await page.keyboard.press('Enter');
  await expect(planForm).toHaveCount(0);
  await expect(page.getByLabel('Utvärderingsplan', { exact: false }).getByText('Mittuniversitetet')).toBeVisible();
  expect((await reread()).plan).toMatchObject({ id: grant.plan!.id, evaluator: 'Mittuniversitetet', questions: grant.plan!.questions });

  // And deleted, with all it holds, after the question.
  await page.getByRole('button', { name: 'Ta bort utvärderingsplanen' }).focus();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Enter');
  await expect(page.getByText('Ingen utvärderingsplan registrerad för bidraget.')).toBeVisible();
  expect(await reread()).toMatchObject({ plan: null, tracked: [], milestones: [], risks: [], findings: [] });
});

test('a grant’s page reads again when the register changes under it', async ({ app, page, bridge }) => {
  const dashboard = unwrap<EvaluationDashboard>(await bridge.host.call('evaluation.dashboard', { today: DAY }));
  const late = dashboard.grants.find((row) => row.status === 'late' && row.reasons.length === 1 && row.reasons[0]!.code === 'report_overdue')!;
  const grant = unwrap<GrantPage>(await bridge.host.call('evaluation.grant', { applicationId: late.applicationId, today: DAY }));
  const overdue = grant.reports.find((report) => report.receivedOn === null && report.dueOn < DAY)!;
  await openGrant(app, page, grant.grant.caseNumber);
  await expect(page.getByRole('heading', { name: /Status:/ })).toContainText('Försenad');

  // Another window receives the report: the page's status and its reports follow.
  unwrap(await bridge.host.call('reports.receive', { reportId: overdue.id, entry: { receivedOn: '2026-11-30' } }));
  await expect(page.getByRole('table', { name: 'Rapporter i registret' }).locator('tr', { hasText: overdue.dueOn }).first()).toContainText('2026-11-30');
  await expect(page.getByRole('heading', { name: /Status:/ })).not.toContainText('Försenad');
});

test('in English the grant page’s forms are worded in English, with Swedish figures', async ({ app, page, bridge }) => {
  const grant = await fullGrant(bridge);
  await page.evaluate(() => localStorage.setItem('grantlens.language', 'en'));
  await page.reload();
  await app.goTo('Evaluations');
  await page.getByLabel('Judged on').fill(DAY);
  await page.screenshot({ path: join(screenshotsDir, 'evaluations-first-start-en.png') });
  await openGrant(app, page, grant.grant.caseNumber, 'Evaluations', 'Judged on', 'Open', 'Multi-year grants');
  for (const name of ['New risk', 'New milestone or deliverable', 'Targets by year', 'Comparison areas']) await expect(page.getByRole('form', { name })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Change the plan' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Delete the evaluation plan' })).toBeVisible();
  const value = grant.tracked[0]!.targets.find((target) => target.year === grant.grant.lastYear)?.value;
  if (value !== undefined) await expect(page.getByLabel(`Target ${grant.grant.lastYear}`)).toHaveValue(value.toLocaleString('sv-SE'));
  await page.getByRole('table', { name: 'Milestones and deliverables' }).screenshot({ path: join(screenshotsDir, 'evaluations-grant-milestones-en.png') });
  await page.getByRole('form', { name: 'New risk' }).screenshot({ path: join(screenshotsDir, 'evaluations-grant-risk-form-en.png') });
  await page.screenshot({ path: join(screenshotsDir, 'evaluations-grant-forms-en.png'), fullPage: true });
});

test('an evaluator changes a milestone’s text and an outcome’s title in place, by keyboard, in Swedish and in English', async ({ app, page, bridge }) => {
  const grant = await fullGrant(bridge);
  const applicationId = grant.grant.applicationId;
  const reread = async () => unwrap<GrantPage>(await bridge.host.call('evaluation.grant', { applicationId, today: DAY }));
  const milestone = grant.milestones[0]!;
  const outcome = grant.outcomes[0]!;
  await openGrant(app, page, grant.grant.caseNumber);

  // "Ändra" turns the text into a field, focused and filled in; Escape leaves it as it was.
  const milestones = page.getByRole('table', { name: 'Milstolpar och leveranser' });
  const edit = milestones.getByRole('button', { name: `Ändra ”${milestone.title}”` }).first();
  await edit.focus();
  await page.keyboard.press('Enter');
  const form = milestones.getByRole('form', { name: `Ändra ”${milestone.title}”` });
  await expect(form.getByLabel('Ny text')).toBeFocused();
  await expect(form.getByLabel('Ny text')).toHaveValue(milestone.title);
  await page.keyboard.press('Escape');
  await expect(form).toHaveCount(0);
  await expect(edit).toBeFocused();

  // An empty text is worded beside the field and not sent.
  await page.keyboard.press('Enter');
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.press('Enter');
  await expect(form.getByRole('alert')).toHaveText('Skriv något: texten kan inte vara tom.');
  await expect(form.getByLabel('Ny text')).toHaveAttribute('aria-invalid', 'true');

  // Typed and saved with Enter: the row shows the new text, and focus is back on "Ändra".
  const title = `${milestone.title} (med föräldrar)`;
  await page.keyboard.type(title);
  await expect(form.getByRole('alert')).toHaveCount(0);
  await milestones.screenshot({ path: join(screenshotsDir, 'evaluations-grant-edit-milestone-sv.png') });
  await page.keyboard.press('Enter');
  await expect(milestones.getByRole('button', { name: `Ändra ”${title}”` })).toBeFocused();
  await expect.poll(async () => (await reread()).milestones.find((row) => row.id === milestone.id)?.title).toBe(title);
  expect((await reread()).milestones.find((row) => row.id === milestone.id)).toMatchObject({ status: milestone.status, dueOn: milestone.dueOn, kind: milestone.kind });

  // The outcome's title, Save reached by Tab.
  const outcomes = page.getByRole('region', { name: 'Resultatmål' });
  await outcomes.getByRole('button', { name: `Ändra ”${outcome.title}”` }).focus();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('Fler unga i arbete eller studier');
  await page.keyboard.press('Tab');
  await expect(outcomes.getByRole('button', { name: 'Spara' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(outcomes.getByRole('button', { name: 'Ändra ”Fler unga i arbete eller studier”' })).toBeFocused();
  await expect.poll(async () => (await reread()).outcomes.find((row) => row.id === outcome.id)?.title).toBe('Fler unga i arbete eller studier');
  await outcomes.screenshot({ path: join(screenshotsDir, 'evaluations-grant-outcomes-sv.png') });

  // In English: the same, worded in English, a text over the field's limit said to be too long.
  await page.evaluate(() => localStorage.setItem('grantlens.language', 'en'));
  await page.reload();
  await openGrant(app, page, grant.grant.caseNumber, 'Evaluations', 'Judged on', 'Open', 'Multi-year grants');
  const english = page.getByRole('region', { name: 'Outcomes' });
  await english.getByRole('button', { name: 'Edit “Fler unga i arbete eller studier”' }).focus();
  await page.keyboard.press('Enter');
  const englishForm = english.getByRole('form', { name: 'Edit “Fler unga i arbete eller studier”' });
  await englishForm.getByLabel('New text').fill('x'.repeat(501));
  await page.keyboard.press('Enter');
  await expect(englishForm.getByRole('alert')).toHaveText('The text is longer than 500 characters');
  await english.screenshot({ path: join(screenshotsDir, 'evaluations-grant-outcomes-en.png') });
  await englishForm.getByRole('button', { name: 'Cancel' }).focus();
  await page.keyboard.press('Enter');
  await expect(englishForm).toHaveCount(0);
  expect((await reread()).outcomes.find((row) => row.id === outcome.id)?.title).toBe('Fler unga i arbete eller studier');
});
