import type { Database } from 'better-sqlite3';
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { EvaluationReportArgs, GrantPage } from '../../contract/domains/evaluation-plan';
import { AppError } from '../../contract/errors';
import { formatFigure } from '../../contract/figure';
import { localDay } from '../../contract/local-day';
import { evaluationDashboard } from './dashboard';
import { evaluationDid } from './did';
import { grantPage } from './grant-page';
import { reportWords, type ReportWords } from './report-words';

// One grant's or the whole portfolio's evaluation report as a single HTML file: the CSS inline,
// the charts inline SVG, nothing fetched, so it opens and prints the same on any machine (and
// Chromium's or Electron's print to PDF makes the PDF of it).

/** ECharts' renderer is most of the services' code: imported when a report is written, not at every start of the CLI or the worker. */
type Charts = typeof import('./report-charts');

const LOCALE = 'sv-SE';
const sek = new Intl.NumberFormat(LOCALE, { style: 'currency', currency: 'SEK', maximumFractionDigits: 0 });

function escape(text: string | number): string {
  return String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function table(headers: string[], rows: string[][], numeric: ReadonlySet<number> = new Set()): string {
  const head = headers.map((header, i) => `<th${numeric.has(i) ? ' class="num"' : ''}>${escape(header)}</th>`).join('');
  const body = rows.map((row) => `<tr>${row.map((cell, i) => `<td${numeric.has(i) ? ' class="num"' : ''}>${cell}</td>`).join('')}</tr>`).join('\n');
  return `<table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

const STYLE = `
body { font-family: system-ui, "Segoe UI", sans-serif; color: #1a1a1a; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; line-height: 1.45; }
h1 { font-size: 1.6rem; margin-bottom: 0.2rem; } h2 { font-size: 1.25rem; margin-top: 2rem; border-bottom: 1px solid #ccc; } h3 { font-size: 1.05rem; }
table { border-collapse: collapse; width: 100%; margin: 0.5rem 0 1rem; font-size: 0.85rem; }
th, td { border-bottom: 1px solid #ddd; padding: 0.25rem 0.4rem; text-align: left; vertical-align: top; }
th { background: #f2f5f8; } .num { text-align: right; font-variant-numeric: tabular-nums; }
.status { display: inline-block; padding: 0.1rem 0.6rem; border-radius: 1rem; font-weight: 600; }
.on_track { background: #dcefdc; } .at_risk { background: #fbe8c8; } .late { background: #f6d0d0; } .completed { background: #e2e2e2; }
.muted { color: #555; } figure { margin: 0.5rem 0 1rem; } svg { max-width: 100%; height: auto; }
@media print { body { margin: 0; max-width: none; } h2 { break-after: avoid; } table, figure { break-inside: avoid; } }
`;

function page(title: string, language: string, body: string): string {
  return `<!doctype html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)}</title>
<style>${STYLE}</style>
</head>
<body>
${body}
</body>
</html>
`;
}

const statusBadge = (status: GrantPage['status'], words: ReportWords) => `<span class="status ${status}">${escape(words.status[status])}</span>`;

/** A tracked place's series, its comparison places' mean by year and its targets, for the chart. */
function followUpSeries(db: Database, tracked: GrantPage['tracked'][number]) {
  const valuesOf = db.prepare('SELECT period AS year, value FROM indicator_values WHERE indicator_code = ? AND geo_code = ? AND sex = ?');
  const read = (geo: string) => new Map((valuesOf.all(tracked.followUp.indicator, geo, tracked.followUp.sex) as { year: number; value: number }[]).map((row) => [row.year, row.value]));
  const place = read(tracked.followUp.geo);
  const comparisons = tracked.comparisons.map((comparison) => read(comparison.geo));
  const years = [...new Set([...place.keys(), ...tracked.targets.map((target) => target.year)])].sort((a, b) => a - b);
  const mean = (year: number) => {
    const values = comparisons.flatMap((values) => (values.has(year) ? [values.get(year)!] : []));
    return values.length === 0 ? null : values.reduce((sum, value) => sum + value, 0) / values.length;
  };
  const targets = new Map(tracked.targets.map((target) => [target.year, target.value]));
  return { years, place: years.map((year) => place.get(year) ?? null), comparison: years.map(mean), targets: years.map((year) => targets.get(year) ?? null) };
}

function grantSection(db: Database, charts: Charts, data: GrantPage, words: ReportWords, language: 'sv' | 'en', heading: 'h1' | 'h2'): string {
  const { grant, plan } = data;
  const parts: string[] = [];
  parts.push(`<${heading}>${escape(`${grant.caseNumber} ${grant.title}`)}</${heading}>`);
  parts.push(
    `<p>${escape(words.organisation)}: ${escape(grant.organisation)}${grant.municipality ? ` · ${escape(words.municipality)}: ${escape(grant.municipality)}` : ''} · ${escape(words.years)}: ${grant.firstYear}–${grant.lastYear} · ${escape(words.granted)}: <span class="num">${escape(sek.format(grant.grantedOre / 100))}</span></p>`,
  );
  parts.push(`<p>${escape(words.statusHeading)}: ${statusBadge(data.status, words)}</p><ul>${data.reasons.map((reason) => `<li>${escape(words.reasonText(reason))}</li>`).join('')}</ul>`);
  if (!plan) return [...parts, `<p class="muted">${escape(words.noPlan)}</p>`].join('\n');
  parts.push(`<h3>${escape(words.plan)}</h3>`);
  parts.push(
    `<p>${escape(words.kind[plan.kind]!)} · ${escape(words.method[plan.method]!)} · ${escape(words.evaluator)}: ${escape(plan.evaluator || '–')} · ${escape(words.period)}: ${plan.startsOn} – ${plan.endsOn}</p>`,
  );
  if (plan.questions.length > 0) parts.push(`<p>${escape(words.questions)}:</p><ol>${plan.questions.map((q) => `<li>${escape(q.question)}</li>`).join('')}</ol>`);

  if (data.tracked.length > 0) {
    parts.push(`<h3>${escape(words.followUp)}</h3>`);
    parts.push(
      table(
        [words.indicator, words.place, words.baseline, words.latest, words.change, words.target, words.toTarget, words.comparison, words.difference],
        data.tracked.map((tracked) => {
          const f = tracked.followUp;
          return [
            `${escape(tracked.followUp.indicatorName[language])} (${escape(tracked.unit)})`,
            escape(tracked.followUp.geoName),
            f.baseline ? `${formatFigure(f.baseline.value)} (${f.baseline.year})` : '–',
            f.latest ? `${formatFigure(f.latest.value)} (${f.latest.year})` : '–',
            formatFigure(f.change, 1, true),
            f.target ? `${formatFigure(f.target.value)} (${f.target.year})` : '–',
            formatFigure(f.distanceToTarget, 1, true),
            `${formatFigure(f.comparisonChange, 1, true)} (${f.comparisonPlaces})`,
            formatFigure(f.difference, 1, true),
          ];
        }),
        new Set([2, 3, 4, 5, 6, 7, 8]),
      ),
    );
    for (const tracked of data.tracked) {
      const label = `${tracked.followUp.indicatorName[language]} – ${tracked.followUp.geoName}`;
      parts.push(
        `<figure aria-label="${escape(label)}"><figcaption>${escape(label)}${tracked.comparisons.length ? ` · ${escape(words.comparison)}: ${escape(tracked.comparisons.map((c) => c.name).join(', '))}` : ''}</figcaption>${charts.followUpSvg(followUpSeries(db, tracked), { place: tracked.followUp.geoName, comparison: words.comparisonMean, target: words.target })}</figure>`,
      );
    }
  }
  if (data.milestones.length > 0) {
    parts.push(`<h3>${escape(words.milestones)}</h3>`);
    parts.push(table([words.what, words.dueOn, words.statusHeading], data.milestones.map((m) => [escape(m.title), m.dueOn, escape(words.milestoneStatus[m.status]!) + (m.doneOn ? ` ${m.doneOn}` : '')])));
  }
  if (data.reports.length > 0) {
    parts.push(`<h3>${escape(words.reports)}</h3>`);
    parts.push(table([words.what, words.dueOn, words.received], data.reports.map((r) => [escape(words.reportKind[r.kind]!), r.dueOn, r.receivedOn ?? escape(words.notReceived)])));
  }
  if (data.findings.length > 0) {
    parts.push(`<h3>${escape(words.findings)}</h3>`);
    parts.push(`<ul>${data.findings.map((f) => `<li>${escape(f.statement)} <span class="muted">(${escape(words.evidence[f.evidenceType]!)}, ${escape(words.strength[f.strength]!)}, ${f.foundOn}${f.source ? `, ${escape(f.source)}` : ''})</span></li>`).join('')}</ul>`);
  }
  if (data.risks.length > 0) {
    parts.push(`<h3>${escape(words.risks)}</h3>`);
    parts.push(table([words.what, words.likelihoodImpact, words.statusHeading], data.risks.map((r) => [escape(r.description), `${escape(words.level[r.likelihood]!)} / ${escape(words.level[r.impact]!)}`, escape(words.riskStatus[r.status]!)])));
  }
  return parts.join('\n');
}

/** The indicator the portfolio's plans track most, for the effect section. */
function mostTracked(db: Database): string | undefined {
  return db.prepare('SELECT indicator_code FROM outcome_indicators GROUP BY indicator_code ORDER BY count(*) DESC, indicator_code LIMIT 1').pluck().get() as string | undefined;
}

function portfolioBody(db: Database, charts: Charts, words: ReportWords, language: 'sv' | 'en', today: string): { body: string; grants: number } {
  const dashboard = evaluationDashboard(db, today);
  const parts = [`<h1>${escape(words.portfolioTitle)}</h1>`, `<p class="muted">${escape(words.madeOn)} ${today}</p>`];
  parts.push(`<h2>${escape(words.counts)}</h2>`);
  parts.push(table([words.statusHeading, ''], (Object.keys(words.status) as GrantPage['status'][]).map((status) => [statusBadge(status, words), String(dashboard.counts[status])]), new Set([1])));
  const deadlineRows = (rows: typeof dashboard.deadlines) =>
    rows.map((row) => [escape(row.caseNumber), escape(row.source === 'report' ? words.reportKind[row.what]! : row.what), row.dueOn, String(row.days)]);
  parts.push(`<h2>${escape(words.deadlines)}</h2>`);
  parts.push(dashboard.deadlines.length ? table([words.caseNumber, words.what, words.dueOn, words.days], deadlineRows(dashboard.deadlines), new Set([3])) : `<p>${escape(words.noneDue)}</p>`);
  parts.push(`<h2>${escape(words.overdueReports)}</h2>`);
  parts.push(dashboard.overdueReports.length ? table([words.caseNumber, words.what, words.dueOn, words.days], deadlineRows(dashboard.overdueReports), new Set([3])) : `<p>${escape(words.noneDue)}</p>`);
  parts.push(`<h2>${escape(words.grants)}</h2>`);
  parts.push(table([words.caseNumber, words.title, words.statusHeading, words.reason], dashboard.grants.map((g) => [escape(g.caseNumber), escape(g.title), statusBadge(g.status, words), escape(words.reasonText(g.reasons[0]!))])));
  if (dashboard.timeline.length > 0) parts.push(`<h2>${escape(words.timeline)}</h2><figure aria-label="${escape(words.timeline)}">${charts.timelineSvg(dashboard.timeline, words)}</figure>`);
  const indicator = mostTracked(db);
  if (indicator) {
    const did = evaluationDid(db, { indicator, sex: 'T', level: 'municipality', control: 'never', followResearch: true });
    parts.push(`<h2>${escape(words.effect)}</h2>`);
    if (did.overall) parts.push(`<p>${escape(words.effectText(indicator, formatFigure(did.overall.att, 2, true), formatFigure(did.overall.low, 2), formatFigure(did.overall.high, 2)))}</p>`);
    if (did.event.length > 0) parts.push(`<figure aria-label="${escape(words.effect)}">${charts.eventStudySvg(did, words)}</figure>`);
  }
  for (const grant of dashboard.grants) parts.push(grantSection(db, charts, grantPage(db, grant.applicationId, today), words, language, 'h2'));
  return { body: parts.join('\n'), grants: dashboard.grants.length };
}

/** The report as one HTML document, Swedish unless asked for English. */
export async function evaluationReportHtml(db: Database, args: Omit<EvaluationReportArgs, 'fileId'>): Promise<{ html: string; grants: number }> {
  const today = args.today ?? localDay();
  const words = reportWords[args.language];
  const charts = await import('./report-charts');
  if (args.caseNumber !== undefined) {
    const applicationId = db.prepare('SELECT id FROM applications WHERE case_number = ?').pluck().get(args.caseNumber) as number | undefined;
    if (applicationId === undefined) throw new AppError('INVALID_ARGUMENT', `There is no application ${args.caseNumber} in this store.`, { reason: 'not_found', what: 'application', caseNumber: args.caseNumber });
    const data = grantPage(db, applicationId, today);
    const body = `${grantSection(db, charts, data, words, args.language, 'h1')}\n<p class="muted">${escape(words.madeOn)} ${today}</p>`;
    return { html: page(`${words.grantTitle} ${data.grant.caseNumber}`, args.language, body), grants: 1 };
  }
  const { body, grants } = portfolioBody(db, charts, words, args.language, today);
  return { html: page(words.portfolioTitle, args.language, body), grants };
}

/** Written beside the target and renamed over it, so a reader never sees half a report. */
export async function writeEvaluationReport(db: Database, path: string, args: Omit<EvaluationReportArgs, 'fileId'>): Promise<{ bytes: number; grants: number }> {
  const { html, grants } = await evaluationReportHtml(db, args);
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  const content = Buffer.from(html, 'utf8');
  try {
    writeFileSync(temp, content);
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
  return { bytes: content.length, grants };
}
