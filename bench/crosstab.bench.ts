import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { Database } from 'better-sqlite3';
import { bench, describe } from 'vitest';
import { crosstabQuery, type CrosstabQueryIn } from '../main/contract/domains/crosstab';
import { runCrosstab } from '../main/domain/crosstab/run';
import { fromSummaries } from '../main/domain/crosstab/summaries';
import { generateDemo } from '../main/services/demo/generate-demo';
import { openStore } from '../main/store/open-store';
import { DEMO_BASE_DAY } from '../main/services/demo/demo-calendar';

// Each cross-tab shape three ways on the same rows in the same run: the engine reading the store's
// summaries (what the app does), the engine grouping the applications themselves (a plain SQLite
// GROUP BY), and DuckDB over the same tables loaded through its appender (its sqlite extension
// cannot be downloaded here), asked for the same cells and totals with GROUPING SETS. The ratios
// printed are SQLite's median over DuckDB's. GRANTLENS_BENCH_CROSSTAB_SCALE sizes the demo store
// (default 30, about 45,000 applications; scale 665 is issue 11's million).

const SCALE = Number(process.env.GRANTLENS_BENCH_CROSSTAB_SCALE ?? 30);
const RUNS = 5;
const resourcesDir = resolve(import.meta.dirname, '..', 'resources');
const store = openStore(join(mkdtempSync(join(tmpdir(), 'grantlens-crosstab-bench-')), 'crosstab.sqlite'), { resourcesDir });
const demo = generateDemo({ store, progress: () => {} }, { scale: SCALE, seed: 2021, today: DEMO_BASE_DAY });
// The demo names no target areas: every third application in a municipality with RegSOs targets its first.
store.db.exec(`UPDATE applications SET target_areas = coalesce((SELECT min(code) FROM stat_areas WHERE kind = 'regso' AND municipality_code = applications.municipality_code), '')
  WHERE id % 3 = 0`);

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
    duckdb: `WITH targets AS (SELECT a.id, c.year, a.granted_ore, sa.code FROM applications a JOIN grant_calls c ON c.id = a.call_id
                LEFT JOIN stat_areas sa ON sa.kind = 'regso' AND sa.municipality_code = a.municipality_code
                 AND list_contains(string_split(replace(replace(a.target_areas, ' ', ','), ';', ','), ','), sa.code)),
             typed AS (SELECT DISTINCT t.id, t.year, t.granted_ore,
                  coalesce((SELECT x.area_type FROM area_types x WHERE x.area_code = t.code AND x.year <= t.year ORDER BY x.year DESC LIMIT 1),
                           (SELECT x.area_type FROM area_types x WHERE x.area_code = t.code ORDER BY x.year LIMIT 1)) AS area_type FROM targets t)
      SELECT area_type, year, sum(granted_ore) FROM typed GROUP BY area_type, year
      UNION ALL SELECT area_type, NULL, sum(granted_ore) FROM typed GROUP BY area_type
      UNION ALL SELECT NULL, year, sum(granted_ore) FROM (SELECT DISTINCT id, year, granted_ore FROM typed) GROUP BY year
      UNION ALL SELECT NULL, NULL, sum(granted_ore) FROM (SELECT DISTINCT id, granted_ore FROM typed)`,
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

const duck = await loadDuckDb(store.db);
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
console.log(
  [
    `cross-tabs over ${demo.applications.toLocaleString('sv-SE')} applications and ${demo.indicatorValues.toLocaleString('sv-SE')} indicator values, median of ${RUNS}:`,
    '| shape | engine on summaries | engine on applications | DuckDB | summaries / DuckDB | applications / DuckDB |',
    '|---|---|---|---|---|---|',
    ...lines,
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
