import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { Database } from 'better-sqlite3';
import { bench, describe } from 'vitest';
import { crosstabQuery, type CrosstabQueryIn } from '../main/contract/domains/crosstab';
import { runCrosstab } from '../main/domain/crosstab/run';
import { fromSummaries, writeThenSummarise } from '../main/domain/crosstab/summaries';
import { generateDemo } from '../main/services/demo/generate-demo';
import { overview } from '../main/services/overview';
import { openStore } from '../main/store/open-store';
import { DEMO_BASE_DAY } from '../main/services/demo/demo-calendar';
import { defineBenchIndicators } from './indicator-file';

// Each cross-tab shape three ways on the same rows in the same run: the engine reading the store's
// summaries (what the app does), the engine grouping the applications themselves (a plain SQLite
// GROUP BY), and DuckDB over the same tables loaded through its appender (its sqlite extension
// cannot be downloaded here), asked for the same cells and totals with GROUPING SETS. The ratios
// printed are SQLite's median over DuckDB's. GRANTLENS_BENCH_CROSSTAB_SCALE sizes the demo store
// (default 30, about 45,000 applications; scale 665 is issue 11's million).
// GRANTLENS_BENCH_CROSSTAB_VALUES adds that many made-up indicator values (issue 11 asks for
// 10,000,000) to the demo's, of 100 indicators over every municipality and RegSO by sex, year after
// year, and times indicator measures of one of them. The Overview is timed on the same store.

const SCALE = Number(process.env.GRANTLENS_BENCH_CROSSTAB_SCALE ?? 30);
const VALUES = Number(process.env.GRANTLENS_BENCH_CROSSTAB_VALUES ?? 0);
const RUNS = 5;
const resourcesDir = resolve(import.meta.dirname, '..', 'resources');
const store = openStore(join(mkdtempSync(join(tmpdir(), 'grantlens-crosstab-bench-')), 'crosstab.sqlite'), { resourcesDir });
let started = performance.now();
const demo = generateDemo({ store, progress: () => {} }, { scale: SCALE, seed: 2021, today: DEMO_BASE_DAY });
console.log(`demo store at scale ${SCALE}: ${demo.applications.toLocaleString('sv-SE')} applications in ${((performance.now() - started) / 1000).toFixed(0)} s`);
// The demo names no target areas: every third application in a municipality with RegSOs targets
// its first, every ninth its first and last (two types, often). One bulk write, summed once.
started = performance.now();
store.db.transaction(() =>
  writeThenSummarise(store.db, () =>
    store.db.exec(`UPDATE applications SET target_areas = coalesce((SELECT min(code) || CASE WHEN applications.id % 9 = 0 THEN ',' || max(code) ELSE '' END
        FROM stat_areas WHERE kind = 'regso' AND municipality_code = applications.municipality_code), '')
      WHERE id % 3 = 0`),
  ),
)();
console.log(`target areas named and summed in ${((performance.now() - started) / 1000).toFixed(1)} s`);
const BENCH_INDICATOR = 'BENCH001';
if (VALUES > 0) {
  started = performance.now();
  const { db } = store;
  defineBenchIndicators(db, 100);
  db.exec(`INSERT INTO indicator_series (indicator_code, geo_code, sex)
    SELECT i.code, p.code, x.sex FROM indicators i,
           (SELECT code FROM geographies WHERE level = 'municipality' UNION ALL SELECT code FROM stat_areas WHERE kind = 'regso') p,
           (SELECT 'T' AS sex UNION ALL SELECT 'K' UNION ALL SELECT 'M') x
     WHERE i.code LIKE 'BENCH%' ORDER BY i.code, p.code, x.sex`);
  const series = db.prepare("SELECT count(*) FROM indicator_series WHERE indicator_code LIKE 'BENCH%'").pluck().get() as number;
  db.transaction(() => {
    db.prepare(
      `WITH RECURSIVE years (year) AS (SELECT 2000 UNION ALL SELECT year + 1 FROM years WHERE year < 1999 + ?)
       INSERT INTO indicator_points (series_id, period, value)
       SELECT s.id, y.year, ((s.id * 7919 + y.year * 104729) % 100000) / 100.0
         FROM indicator_series s, years y WHERE s.indicator_code LIKE 'BENCH%' ORDER BY s.id, y.year LIMIT ?`,
    ).run(Math.ceil(VALUES / series), VALUES);
  })();
  console.log(`${VALUES.toLocaleString('sv-SE')} made-up indicator values over ${series.toLocaleString('sv-SE')} series in ${((performance.now() - started) / 1000).toFixed(0)} s`);
}
const indicatorValues = store.db.prepare('SELECT count(*) FROM indicator_points').pluck().get() as number;

type Column = [name: string, type: 'INTEGER' | 'BIGINT' | 'VARCHAR' | 'DOUBLE'];

/** The store's tables a cross-tab reads, copied row by row into DuckDB. */
const tables: { name: string; columns: Column[]; from: string }[] = [
  {
    name: 'applications',
    columns: [['id', 'INTEGER'], ['call_id', 'INTEGER'], ['organisation_id', 'INTEGER'], ['municipality_code', 'VARCHAR'], ['stage', 'VARCHAR'], ['status', 'VARCHAR'], ['includes_evaluation', 'INTEGER'], ['requested_ore', 'BIGINT'], ['granted_ore', 'BIGINT'], ['target_areas', 'VARCHAR']],
    from: 'applications',
  },
  { name: 'organisations', columns: [['id', 'INTEGER'], ['type', 'VARCHAR']], from: 'organisations' },
  { name: 'grant_calls', columns: [['id', 'INTEGER'], ['year', 'INTEGER'], ['programme', 'VARCHAR'], ['earmark_designation_id', 'INTEGER']], from: 'grant_calls' },
  { name: 'geographies', columns: [['code', 'VARCHAR'], ['level', 'VARCHAR'], ['parent_code', 'VARCHAR']], from: 'geographies' },
  { name: 'designation_members', columns: [['designation_id', 'INTEGER'], ['geo_code', 'VARCHAR']], from: 'designation_members' },
  { name: 'stat_areas', columns: [['code', 'VARCHAR'], ['kind', 'VARCHAR'], ['municipality_code', 'VARCHAR']], from: 'stat_areas' },
  { name: 'area_types', columns: [['area_code', 'VARCHAR'], ['year', 'INTEGER'], ['area_type', 'INTEGER']], from: 'area_types' },
  { name: 'decisions', columns: [['id', 'INTEGER'], ['application_id', 'INTEGER']], from: 'decisions' },
  { name: 'payments', columns: [['decision_id', 'INTEGER'], ['kind', 'VARCHAR'], ['amount_ore', 'BIGINT']], from: 'payments' },
  { name: 'indicator_series', columns: [['id', 'INTEGER'], ['indicator_code', 'VARCHAR'], ['geo_code', 'VARCHAR'], ['sex', 'VARCHAR']], from: 'indicator_series' },
  { name: 'indicator_points', columns: [['series_id', 'INTEGER'], ['period', 'INTEGER'], ['value', 'DOUBLE']], from: 'indicator_points' },
];

async function loadDuckDb(db: Database): Promise<DuckDBConnection> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  for (const table of tables) {
    await connection.run(`CREATE TABLE ${table.name} (${table.columns.map(([name, type]) => `${name} ${type}`).join(', ')})`);
    const appender = await connection.createAppender(table.name);
    const rows = db.prepare(`SELECT ${table.columns.map(([name]) => name).join(', ')} FROM ${table.from}`).raw().iterate() as IterableIterator<(string | number | null)[]>;
    for (const row of rows) {
      row.forEach((value, i) => {
        const type = table.columns[i]![1];
        if (value === null) appender.appendNull();
        else if (type === 'INTEGER') appender.appendInteger(value as number);
        else if (type === 'BIGINT') appender.appendBigInt(BigInt(value));
        else if (type === 'DOUBLE') appender.appendDouble(value as number);
        else appender.appendVarchar(String(value));
      });
      appender.endRow();
    }
    appender.closeSync();
  }
  return connection;
}

const GRANTED = "a.status IN ('granted', 'partly_granted')";
const REGISTER = `applications a JOIN grant_calls c ON c.id = a.call_id JOIN organisations o ON o.id = a.organisation_id
  LEFT JOIN geographies m ON m.code = a.municipality_code`;

/** Each application under each distinct area type of its target areas (null for none), as the engine defines them. */
const TYPED = `targets AS (SELECT a.id, c.year, a.granted_ore, a.status, o.type AS applicant_type, sa.code FROM ${REGISTER}
                LEFT JOIN stat_areas sa ON sa.kind = 'regso' AND sa.municipality_code = a.municipality_code
                 AND list_contains(string_split(replace(replace(a.target_areas, ' ', ','), ';', ','), ','), sa.code)),
             typed AS (SELECT DISTINCT t.id, t.year, t.granted_ore, t.status, t.applicant_type,
                  coalesce((SELECT x.area_type FROM area_types x WHERE x.area_code = t.code AND x.year <= t.year ORDER BY x.year DESC LIMIT 1),
                           (SELECT x.area_type FROM area_types x WHERE x.area_code = t.code ORDER BY x.year LIMIT 1)) AS area_type FROM targets t)`;

/** RegSO values of one indicator (the total) with each one's area type in force in its year. */
const REGSO_VALUES = `v AS (SELECT s.geo_code, p.period, p.value FROM indicator_series s JOIN stat_areas sa ON sa.code = s.geo_code AND sa.kind = 'regso'
                JOIN indicator_points p ON p.series_id = s.id WHERE s.indicator_code = '${BENCH_INDICATOR}' AND s.sex = 'T'),
             y AS (SELECT DISTINCT geo_code, period FROM v),
             yt AS (SELECT y.geo_code, y.period, coalesce((SELECT x.area_type FROM area_types x WHERE x.area_code = y.geo_code AND x.year <= y.period ORDER BY x.year DESC LIMIT 1),
                           (SELECT x.area_type FROM area_types x WHERE x.area_code = y.geo_code ORDER BY x.year LIMIT 1)) AS area_type FROM y),
             t AS (SELECT v.*, yt.area_type FROM v JOIN yt USING (geo_code, period))`;

/** The issue's questions as the engine is asked them and as DuckDB is, cells, subtotals and totals alike. */
const shapes: { name: string; query: CrosstabQueryIn; duckdb: string }[] = [
  {
    name: 'granted kronor by county and call year',
    query: { rows: ['county'], cols: ['year'], measures: ['granted_sek'] },
    duckdb: `SELECT m.parent_code, c.year, sum(a.granted_ore) FROM ${REGISTER} GROUP BY GROUPING SETS ((m.parent_code, c.year), (m.parent_code), (c.year), ())`,
  },
  {
    name: 'approval rate by applicant type and stage',
    query: { rows: ['applicant_type', 'stage'], measures: ['approval_rate', 'applications'] },
    duckdb: `SELECT o.type, a.stage, sum(CASE WHEN ${GRANTED} THEN 1 ELSE 0 END) / count(*), count(*) FROM ${REGISTER} GROUP BY GROUPING SETS ((o.type, a.stage), (o.type), ())`,
  },
  {
    name: 'granted kronor by municipality and follow-research',
    query: { rows: ['municipality'], cols: ['has_evaluation'], measures: ['granted_sek'] },
    duckdb: `SELECT a.municipality_code, a.includes_evaluation, sum(a.granted_ore) FROM ${REGISTER}
      GROUP BY GROUPING SETS ((a.municipality_code, a.includes_evaluation), (a.municipality_code), (a.includes_evaluation), ())`,
  },
  {
    name: 'paid and repaid by call and earmarked municipality',
    query: { rows: ['call'], cols: ['designated'], measures: ['paid_sek', 'repaid_sek'] },
    duckdb: `WITH p AS (SELECT d.application_id, sum(CASE WHEN p.kind = 'payment' THEN p.amount_ore ELSE 0 END) AS paid,
                              sum(CASE WHEN p.kind = 'repayment' THEN p.amount_ore ELSE 0 END) AS repaid
                         FROM payments p JOIN decisions d ON d.id = p.decision_id GROUP BY d.application_id),
             f AS (SELECT a.call_id, coalesce(a.municipality_code IN (SELECT geo_code FROM designation_members WHERE designation_id = c.earmark_designation_id), false) AS designated,
                          coalesce(p.paid, 0) AS paid, coalesce(p.repaid, 0) AS repaid
                     FROM ${REGISTER} LEFT JOIN p ON p.application_id = a.id)
      SELECT call_id, designated, sum(paid), sum(repaid) FROM f GROUP BY GROUPING SETS ((call_id, designated), (call_id), (designated), ())`,
  },
  {
    name: 'granted kronor by area type of the target areas and call year',
    query: { rows: ['area_type'], cols: ['year'], measures: ['granted_sek'] },
    duckdb: `WITH ${TYPED}
      SELECT area_type, year, sum(granted_ore) FROM typed GROUP BY area_type, year
      UNION ALL SELECT area_type, NULL, sum(granted_ore) FROM typed GROUP BY area_type
      UNION ALL SELECT NULL, year, sum(granted_ore) FROM (SELECT DISTINCT id, year, granted_ore FROM typed) GROUP BY year
      UNION ALL SELECT NULL, NULL, sum(granted_ore) FROM (SELECT DISTINCT id, granted_ore FROM typed)`,
  },
  {
    name: 'approval rate by area type and applicant type',
    query: { rows: ['area_type', 'applicant_type'], measures: ['approval_rate', 'applications'] },
    duckdb: `WITH ${TYPED}
      SELECT area_type, applicant_type, sum(CASE WHEN status IN ('granted', 'partly_granted') THEN 1 ELSE 0 END) / count(*), count(*) FROM typed GROUP BY area_type, applicant_type
      UNION ALL SELECT area_type, NULL, sum(CASE WHEN status IN ('granted', 'partly_granted') THEN 1 ELSE 0 END) / count(*), count(*) FROM typed GROUP BY area_type
      UNION ALL SELECT NULL, NULL, sum(CASE WHEN status IN ('granted', 'partly_granted') THEN 1 ELSE 0 END) / count(*), count(*) FROM (SELECT DISTINCT id, status FROM typed)`,
  },
  {
    name: 'granted kronor by call year in area type 1',
    query: { rows: ['year'], measures: ['granted_sek'], filters: [{ dimension: 'area_type', values: [1] }] },
    duckdb: `WITH ${TYPED} SELECT year, sum(granted_ore) FROM typed WHERE area_type = 1 GROUP BY GROUPING SETS ((year), ())`,
  },
  {
    name: 'change in unemployment 2019-2023 by follow-research',
    query: { rows: ['has_evaluation'], measures: ['indicator_change'], filters: [{ dimension: 'indicator', values: ['N00914'] }], years: { from: 2019, to: 2023 } },
    duckdb: `WITH evaluated AS (SELECT DISTINCT municipality_code FROM applications WHERE includes_evaluation = 1 AND status IN ('granted', 'partly_granted') AND municipality_code IS NOT NULL)
      SELECT s.geo_code IN (SELECT municipality_code FROM evaluated) AS has_evaluation, avg(p1.value - p0.value)
        FROM indicator_series s JOIN geographies g ON g.code = s.geo_code AND g.level = 'municipality'
        JOIN indicator_points p0 ON p0.series_id = s.id AND p0.period = 2019 JOIN indicator_points p1 ON p1.series_id = s.id AND p1.period = 2023
       WHERE s.indicator_code = 'N00914' AND s.sex = 'T' GROUP BY GROUPING SETS ((1), ())`,
  },
];

if (VALUES > 0) {
  shapes.push(
    {
      name: `mean of a made-up indicator (${BENCH_INDICATOR}) by the RegSOs' area type and year`,
      query: { rows: ['area_type'], cols: ['year'], measures: ['indicator_mean'], filters: [{ dimension: 'indicator', values: [BENCH_INDICATOR] }] },
      duckdb: `WITH ${REGSO_VALUES} SELECT area_type, period, avg(value) FROM t GROUP BY GROUPING SETS ((area_type, period), (area_type), (period), ())`,
    },
    {
      name: `median of ${BENCH_INDICATOR} by county and year (municipality values)`,
      query: { rows: ['county'], cols: ['year'], measures: ['indicator_median'], filters: [{ dimension: 'indicator', values: [BENCH_INDICATOR] }] },
      duckdb: `SELECT g.parent_code, p.period, median(p.value) FROM indicator_series s JOIN geographies g ON g.code = s.geo_code AND g.level = 'municipality'
        JOIN indicator_points p ON p.series_id = s.id WHERE s.indicator_code = '${BENCH_INDICATOR}' AND s.sex = 'T'
        GROUP BY GROUPING SETS ((g.parent_code, p.period), (g.parent_code), (p.period), ())`,
    },
    {
      name: `change in ${BENCH_INDICATOR} 2019-2023 by area type`,
      query: { rows: ['area_type'], measures: ['indicator_change'], filters: [{ dimension: 'indicator', values: [BENCH_INDICATOR] }], years: { from: 2019, to: 2023 } },
      duckdb: `WITH ${REGSO_VALUES}, c AS (SELECT t0.area_type, t1.value - t0.value AS change FROM t t0 JOIN t t1 ON t1.geo_code = t0.geo_code AND t0.period = 2019 AND t1.period = 2023)
        SELECT area_type, avg(change) FROM c GROUP BY GROUPING SETS ((area_type), ())`,
    },
  );
}

function median(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  return sorted[sorted.length >> 1]!;
}

async function timed(run: () => unknown): Promise<number> {
  await run();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  return median(times);
}

started = performance.now();
const duck = await loadDuckDb(store.db);
console.log(`DuckDB loaded in ${((performance.now() - started) / 1000).toFixed(0)} s`);
const parsed = shapes.map((shape) => ({ ...shape, parsed: crosstabQuery.parse(shape.query) }));
const lines: string[] = [];
for (const shape of parsed) {
  const summaries = await timed(() => runCrosstab(store.db, shape.parsed, fromSummaries));
  const records = await timed(() => runCrosstab(store.db, shape.parsed));
  const duckdb = await timed(() => duck.runAndReadAll(shape.duckdb));
  lines.push(
    `| ${shape.name} | ${summaries.toFixed(1)} ms | ${records.toFixed(1)} ms | ${duckdb.toFixed(1)} ms | ${(summaries / duckdb).toFixed(2)}x | ${(records / duckdb).toFixed(2)}x |`,
  );
}
const count = store.db.prepare('SELECT count(*) FROM applications').pluck();
const overviewTime = await timed(() => overview(store));
const countTime = await timed(() => count.get());
console.log(
  [
    `cross-tabs over ${demo.applications.toLocaleString('sv-SE')} applications and ${indicatorValues.toLocaleString('sv-SE')} indicator values, median of ${RUNS}:`,
    '| shape | engine on summaries | engine on applications | DuckDB | summaries / DuckDB | applications / DuckDB |',
    '|---|---|---|---|---|---|',
    ...lines,
    `overview.get ${overviewTime.toFixed(1)} ms (count(*) of the applications, the baseline: ${countTime.toFixed(1)} ms)`,
  ].join('\n'),
);

describe(`cross-tabs over ${demo.applications.toLocaleString('sv-SE')} applications`, () => {
  for (const shape of parsed) {
    bench(`DuckDB: ${shape.name}`, async () => {
      await duck.runAndReadAll(shape.duckdb);
    });
    bench(`summaries: ${shape.name}`, () => {
      runCrosstab(store.db, shape.parsed, fromSummaries);
    });
  }
});
