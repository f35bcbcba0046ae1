import type { Database } from 'better-sqlite3';
import { emptySummary, type ImportSummary } from '../../contract/domains/imports';
import { AppError } from '../../contract/errors';
import type { ParamsOf, RejectCode } from '../../contract/reject-reasons';
import { writeAreasThenSummarise } from '../../domain/crosstab/summaries';
import { addReject, rejectedRow } from '../../domain/reject-reasons';
import { headerList } from '../tabular/header-list';
import { openTabular } from '../tabular/open-tabular';
import { runImport } from '../import-transaction';

// Statistical areas as SCB publishes their keys: a DeSO code is the municipality code, a letter
// A/B/C, three digits and a reserve character (`1883A0030`); a RegSO code the municipality code,
// `R` and three digits (`0114R001`).
const DESO = /^\d{4}[ABC]\d{3}[0-9A-Z]$/;
const REGSO = /^\d{4}R\d{3}$/;

const HEADERS = {
  code: ['kod', 'code', 'områdeskod', 'deso', 'regso', 'regsokod', 'desokod', 'area'],
  name: ['namn', 'name', 'områdesnamn', 'regsonamn'],
  regso: ['regso', 'regsokod', 'tillhör regso'],
  type: ['områdestyp', 'omradestyp', 'area type', 'area_type', 'typ'],
  year: ['år', 'ar', 'year'],
} as const;

interface AreaRow {
  row: number;
  code: string;
  name: string | null;
  regso: string | null;
  type: number | null;
  year: number | null;
}

function column(headers: string[], aliases: readonly string[], exclude: number[] = []): number | null {
  const index = headers.findIndex((header, i) => !exclude.includes(i) && aliases.includes(header.trim().toLowerCase()));
  return index >= 0 ? index : null;
}

/**
 * Imports RegSO and DeSO areas (CSV or XLSX): each linked to the municipality its code starts with,
 * a DeSO to its RegSO, and a RegSO's socio-economic area type (1–5) for a year. Area files are a
 * few thousand rows, so their good rows are held whole, RegSOs written before the DeSOs that point
 * at them; their rejects are capped all the same, as a wrong file chosen by mistake can be any size.
 */
export async function importAreas(db: Database, path: string, options: { dryRun: boolean; strict: boolean }): Promise<ImportSummary> {
  const source = await openTabular(path);
  const rows: AreaRow[] = [];
  const summary = emptySummary(options.dryRun);
  const reject = <C extends RejectCode>(row: number, field: string | null, code: C, ...params: ParamsOf<C>) => addReject(summary, rejectedRow(row, field, code, ...params));
  try {
    const { headers } = source;
    const code = column(headers, HEADERS.code);
    if (code === null) throw new AppError('INVALID_ARGUMENT', `Not an area file: it needs a code column (${HEADERS.code.join(', ')}); found ${headerList(headers)}.`);
    const at = { name: column(headers, HEADERS.name), regso: column(headers, HEADERS.regso, [code]), type: column(headers, HEADERS.type), year: column(headers, HEADERS.year) };
    const municipalities = new Set(db.prepare("SELECT code FROM geographies WHERE level = 'municipality'").pluck().all() as string[]);
    const seen = new Set<string>();
    for await (const { row, cells } of source.rows()) {
      summary.rows++;
      const cell = (index: number | null) => (index === null ? '' : (cells[index] ?? '').trim());
      const area = cell(code).toUpperCase();
      if (!DESO.test(area) && !REGSO.test(area)) { reject(row, headers[code]!, 'areaCodeInvalid', { code: area }); continue; }
      if (!municipalities.has(area.slice(0, 4))) { reject(row, headers[code]!, 'areaMunicipalityUnknown', { municipality: area.slice(0, 4), area }); continue; }
      const regso = cell(at.regso).toUpperCase() || null;
      if (regso !== null && (!REGSO.test(regso) || !DESO.test(area))) { reject(row, headers[at.regso!]!, 'regsoInvalid', { code: regso }); continue; }
      const typeText = cell(at.type);
      const yearText = cell(at.year);
      const type = typeText === '' ? null : Number(typeText);
      const year = yearText === '' ? null : Number(yearText);
      if (type !== null && (!Number.isInteger(type) || type < 1 || type > 5)) { reject(row, headers[at.type!]!, 'areaTypeInvalid', { text: typeText }); continue; }
      if (type !== null && DESO.test(area)) { reject(row, headers[at.type!]!, 'areaTypeOnDeso'); continue; }
      if ((type === null) !== (year === null) || (year !== null && !(Number.isInteger(year) && year >= 1900 && year <= 2100))) {
        reject(row, headers[at.year ?? at.type ?? code]!, 'areaTypeNeedsYear');
        continue;
      }
      const key = `${area}|${year ?? ''}`;
      if (seen.has(key)) {
        if (year === null) reject(row, null, 'duplicateArea', { area });
        else reject(row, null, 'duplicateAreaYear', { area, year });
        continue;
      }
      seen.add(key);
      rows.push({ row, code: area, name: cell(at.name) || null, regso, type, year });
    }
  } finally {
    await source.close();
  }

  const findArea = db.prepare('SELECT name, regso_code FROM stat_areas WHERE code = ?');
  const upsertArea = db.prepare(
    `INSERT INTO stat_areas (code, kind, name, municipality_code, regso_code) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (code) DO UPDATE SET name = coalesce(excluded.name, name), regso_code = coalesce(excluded.regso_code, regso_code)`,
  );
  const findType = db.prepare('SELECT area_type FROM area_types WHERE area_code = ? AND year = ?').pluck();
  const upsertType = db.prepare('INSERT INTO area_types (area_code, year, area_type) VALUES (?, ?, ?) ON CONFLICT DO UPDATE SET area_type = excluded.area_type');
  const write = () => {
    // RegSOs first: a DeSO's row refers to its RegSO.
    for (const area of [...rows].sort((a, b) => Number(DESO.test(a.code)) - Number(DESO.test(b.code)))) {
      const before = findArea.get(area.code) as { name: string | null; regso_code: string | null } | undefined;
      if (area.regso && !findArea.get(area.regso)) { reject(area.row, 'regso', 'regsoUnknown', { code: area.regso }); continue; }
      upsertArea.run(area.code, DESO.test(area.code) ? 'deso' : 'regso', area.name, area.code.slice(0, 4), area.regso);
      const oldType = area.year === null ? undefined : (findType.get(area.code, area.year) as number | undefined);
      if (area.year !== null) upsertType.run(area.code, area.year, area.type);
      summary.accepted++;
      if (!before || (area.year !== null && oldType === undefined)) summary.inserted++;
      else if ((area.name !== null && area.name !== before.name) || (area.regso !== null && area.regso !== before.regso_code) || (oldType !== undefined && oldType !== area.type)) summary.updated++;
      else summary.unchanged++;
    }
    summary.rejects.sort((a, b) => a.row - b.row);
    return summary;
  };
  // A RegSO's code starts with its municipality's: those municipalities' applications may change area type.
  const municipalities = [...new Set(rows.filter((row) => REGSO.test(row.code)).map((row) => row.code.slice(0, 4)))];
  return runImport(db, options, () => writeAreasThenSummarise(db, municipalities, write));
}
