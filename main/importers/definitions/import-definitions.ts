import { extname } from 'node:path';
import type { Database } from 'better-sqlite3';
import { emptySummary, type ImportSummary } from '../../contract/domains/imports';
import { AppError } from '../../contract/errors';
import type { ParamsOf, RejectCode } from '../../contract/reject-reasons';
import { addReject, rejectedRow } from '../../domain/reject-reasons';
import { headerList } from '../tabular/header-list';
import { JsonObjectReader } from '../json/json-object-reader';
import { openTabular } from '../tabular/open-tabular';
import { runImport } from '../import-transaction';

const LEVELS = new Set(['country', 'county', 'municipality', 'regso', 'deso']);
const CODE = /^[A-Za-z0-9_]{1,40}$/;

const HEADERS = {
  code: ['kod', 'code', 'indikator', 'kpi'],
  nameSv: ['namn', 'name_sv', 'svenskt namn'],
  nameEn: ['engelskt namn', 'name_en', 'name'],
  unit: ['enhet', 'unit'],
  source: ['källa', 'kalla', 'source'],
  direction: ['bättre', 'riktning', 'direction', 'better'],
  sexes: ['kön', 'kon', 'sexes', 'by sex'],
  levels: ['nivåer', 'nivaer', 'levels'],
} as const;

type Field = keyof typeof HEADERS;

function parseDirection(text: string): 0 | 1 | undefined {
  const value = text.trim().toLowerCase();
  if (['högre', 'hogre', 'higher', '1'].includes(value)) return 1;
  if (['lägre', 'lagre', 'lower', '0'].includes(value)) return 0;
  return undefined;
}

function parseSexes(text: string): 'T' | 'TKM' | undefined {
  const value = text.trim().toLowerCase();
  if (['tkm', 'ja', 'yes', 'k/m', 'kön'].includes(value)) return 'TKM';
  if (['t', 'nej', 'no', 'totalt', 'total', ''].includes(value)) return 'T';
  return undefined;
}

/**
 * Imports indicator definitions (CSV or XLSX), so values of indicators beyond the built-in catalogue
 * can be imported: code, Swedish and English name, unit, source, which direction is better, whether
 * it is split by sex and the levels it exists at. A known code is updated in place.
 */
export async function importDefinitions(db: Database, path: string, options: { dryRun: boolean; strict: boolean }): Promise<ImportSummary> {
  if (extname(path).toLowerCase() === '.json') return importKoladaKpis(db, path, options);
  const source = await openTabular(path);
  const summary = emptySummary(options.dryRun);
  const rows: { row: number; values: [string, string, string, string, string, number, string, string] }[] = [];
  try {
    const names = source.headers.map((header) => header.trim().toLowerCase());
    const at = Object.fromEntries(
      (Object.keys(HEADERS) as Field[]).map((field) => [field, names.findIndex((name) => (HEADERS[field] as readonly string[]).includes(name))]),
    ) as Record<Field, number>;
    const missing = (['code', 'nameSv', 'unit', 'direction'] as const).filter((field) => at[field] < 0);
    if (missing.length > 0) {
      throw new AppError('INVALID_ARGUMENT', `Not an indicator definition file: it needs the columns ${missing.map((field) => HEADERS[field][0]).join(', ')}; found ${headerList(source.headers)}.`);
    }
    const seen = new Set<string>();
    for await (const { row, cells } of source.rows()) {
      summary.rows++;
      const cell = (field: Field) => (at[field] < 0 ? '' : (cells[at[field]] ?? '').trim());
      const header = (field: Field) => source.headers[at[field]] ?? field;
      const reject = <C extends RejectCode>(field: Field, code: C, ...params: ParamsOf<C>) => addReject(summary, rejectedRow(row, header(field), code, ...params));
      const code = cell('code');
      const direction = parseDirection(cell('direction'));
      const sexes = parseSexes(cell('sexes'));
      const levels = (cell('levels') || 'country,county,municipality').split(/[,;\s]+/).filter(Boolean);
      if (!CODE.test(code)) reject('code', 'indicatorCodeInvalid', { code });
      else if (seen.has(code)) reject('code', 'duplicateDefinition', { code });
      else if (cell('nameSv') === '') reject('nameSv', 'nameEmpty');
      else if (cell('unit') === '') reject('unit', 'unitEmpty');
      else if (direction === undefined) reject('direction', 'directionInvalid', { text: cell('direction') });
      else if (sexes === undefined) reject('sexes', 'sexesInvalid', { text: cell('sexes') });
      else if (levels.some((level) => !LEVELS.has(level))) reject('levels', 'levelsInvalid', { allowed: [...LEVELS].join(', '), text: cell('levels') });
      else {
        seen.add(code);
        rows.push({ row, values: [code, cell('nameSv'), cell('nameEn') || cell('nameSv'), cell('unit'), cell('source') || '–', direction, sexes, levels.join(',')] });
      }
    }
  } finally {
    await source.close();
  }
  const find = db.prepare('SELECT name_sv, name_en, unit, source, higher_is_better, sexes, levels FROM indicators WHERE code = ?').raw();
  const upsert = db.prepare(
    `INSERT INTO indicators (code, name_sv, name_en, unit, source, higher_is_better, sexes, levels) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (code) DO UPDATE SET name_sv = excluded.name_sv, name_en = excluded.name_en, unit = excluded.unit,
       source = excluded.source, higher_is_better = excluded.higher_is_better, sexes = excluded.sexes, levels = excluded.levels`,
  );
  return runImport(db, options, () => {
    for (const { values } of rows) {
      const before = find.get(values[0]) as unknown[] | undefined;
      upsert.run(values);
      summary.accepted++;
      if (!before) summary.inserted++;
      else if (JSON.stringify(before) === JSON.stringify(values.slice(1))) summary.unchanged++;
      else summary.updated++;
    }
    return summary;
  });
}

interface KoladaKpi {
  id?: unknown;
  title?: unknown;
  is_divided_by_gender?: unknown;
}

/** A unit a Kolada title ends with in brackets: "…, andel (%)". */
function unitOfTitle(title: string): string {
  return /\(([^()]{1,20})\)\s*$/.exec(title)?.[1]?.trim() ?? '';
}

/**
 * Kolada's KPI metadata (the `/v2/kpi` response: `values` of id, title, description,
 * is_divided_by_gender): names the indicators an import of Kolada values defined by code, and
 * defines the KPIs the store lacks. Kolada says neither unit (beyond what a title ends with) nor
 * which direction is better, so a known indicator keeps its own; a new one is higher-is-better
 * until a definitions file says otherwise.
 */
async function importKoladaKpis(db: Database, path: string, options: { dryRun: boolean; strict: boolean }): Promise<ImportSummary> {
  const summary = emptySummary(options.dryRun);
  const kpis: { code: string; title: string; sexes: 'T' | 'TKM' }[] = [];
  const seen = new Set<string>();
  const reader = new JsonObjectReader(path, {
    values: (key, element) => {
      const row = Number(key);
      summary.rows++;
      const reject = <C extends RejectCode>(field: string | null, code: C, ...params: ParamsOf<C>) => addReject(summary, rejectedRow(row, field, code, ...params));
      const kpi = element as KoladaKpi | null;
      if (typeof kpi !== 'object' || kpi === null || typeof kpi.id !== 'string') return reject(null, 'kpiRecordInvalid');
      const title = typeof kpi.title === 'string' ? kpi.title.trim() : '';
      if (!CODE.test(kpi.id)) return reject('id', 'indicatorCodeInvalid', { code: kpi.id });
      if (seen.has(kpi.id)) return reject('id', 'duplicateDefinition', { code: kpi.id });
      if (title === '') return reject('title', 'nameEmpty');
      seen.add(kpi.id);
      kpis.push({ code: kpi.id, title, sexes: kpi.is_divided_by_gender === 1 || kpi.is_divided_by_gender === true ? 'TKM' : 'T' });
    },
  });
  await reader.read();
  if (reader.streamedAs.values !== 'array') throw new AppError('INVALID_ARGUMENT', 'Not a Kolada KPI response: it has no "values" list.');
  const find = db.prepare('SELECT name_sv, name_en, sexes, name_missing FROM indicators WHERE code = ?');
  const rename = db.prepare(
    `UPDATE indicators SET name_sv = @title, name_en = CASE name_missing WHEN 1 THEN @title ELSE name_en END,
       unit = CASE unit WHEN '' THEN @unit ELSE unit END, sexes = @sexes, name_missing = 0 WHERE code = @code`,
  );
  const insert = db.prepare(
    `INSERT INTO indicators (code, name_sv, name_en, unit, source, higher_is_better, sexes) VALUES (@code, @title, @title, @unit, 'Kolada', 1, @sexes)`,
  );
  return runImport(db, options, () => {
    for (const kpi of kpis) {
      const before = find.get(kpi.code) as { name_sv: string; name_en: string; sexes: string; name_missing: number } | undefined;
      const values = { ...kpi, unit: unitOfTitle(kpi.title) };
      summary.accepted++;
      if (!before) {
        insert.run(values);
        summary.inserted++;
      } else if (before.name_missing === 0 && before.name_sv === kpi.title && before.sexes === kpi.sexes) {
        summary.unchanged++;
      } else {
        rename.run(values);
        summary.updated++;
      }
    }
    return summary;
  });
}
