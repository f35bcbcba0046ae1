import type { Database } from 'better-sqlite3';
import type { CrosstabDimension, DimensionValue } from '../../main/contract/domains/crosstab';

// The cross-tab's numbers worked out again in plain TypeScript over rows read straight from the
// tables, without the engine's SQL: what the tests compare every measure against.

type Value = DimensionValue;

export interface ReferenceApplication {
  id: number;
  dims: Partial<Record<CrosstabDimension, Value>>;
  /** An application's area types: several, or [null] for "no area type". */
  areaTypes: Value[];
  municipality: string | null;
  year: number;
  status: string;
  requested: number;
  granted: number;
  paid: number;
  repaid: number;
}

function typeInForce(types: Map<string, { year: number; type: number }[]>, area: string, year: number): number | null {
  const list = types.get(area);
  if (!list || list.length === 0) return null;
  const upTo = list.filter((entry) => entry.year <= year);
  return (upTo.length > 0 ? upTo.at(-1)! : list[0]!).type;
}

export function areaTypesOf(db: Database): Map<string, { year: number; type: number }[]> {
  const types = new Map<string, { year: number; type: number }[]>();
  for (const row of db.prepare('SELECT area_code, year, area_type FROM area_types ORDER BY area_code, year').all() as { area_code: string; year: number; area_type: number }[]) {
    const list = types.get(row.area_code) ?? [];
    list.push({ year: row.year, type: row.area_type });
    types.set(row.area_code, list);
  }
  return types;
}

export function referenceApplications(db: Database): ReferenceApplication[] {
  const calls = new Map((db.prepare('SELECT * FROM grant_calls').all() as { id: number; year: number; programme: string; earmark_designation_id: number | null }[]).map((c) => [c.id, c]));
  const organisations = new Map((db.prepare('SELECT id, type FROM organisations').all() as { id: number; type: string }[]).map((o) => [o.id, o.type]));
  const parents = new Map((db.prepare('SELECT code, parent_code FROM geographies').all() as { code: string; parent_code: string | null }[]).map((g) => [g.code, g.parent_code]));
  const members = new Set((db.prepare('SELECT designation_id, geo_code FROM designation_members').all() as { designation_id: number; geo_code: string }[]).map((m) => `${m.designation_id}:${m.geo_code}`));
  const regsos = new Map((db.prepare("SELECT code, municipality_code FROM stat_areas WHERE kind = 'regso'").all() as { code: string; municipality_code: string }[]).map((r) => [r.code, r.municipality_code]));
  const types = areaTypesOf(db);
  const decisions = new Map((db.prepare('SELECT id, application_id FROM decisions').all() as { id: number; application_id: number }[]).map((d) => [d.id, d.application_id]));
  const paid = new Map<number, { paid: number; repaid: number }>();
  for (const p of db.prepare('SELECT decision_id, kind, amount_ore FROM payments').all() as { decision_id: number; kind: string; amount_ore: number }[]) {
    const id = decisions.get(p.decision_id)!;
    const entry = paid.get(id) ?? { paid: 0, repaid: 0 };
    if (p.kind === 'payment') entry.paid += p.amount_ore;
    else entry.repaid += p.amount_ore;
    paid.set(id, entry);
  }
  const rows = db.prepare('SELECT * FROM applications').all() as Record<string, number | string | null>[];
  return rows.map((a) => {
    const call = calls.get(a.call_id as number)!;
    const municipality = a.municipality_code as string | null;
    const codes = String(a.target_areas).split(/[,; ]+/).filter((code) => code !== '' && regsos.get(code) === municipality);
    const areaTypes = [...new Set(codes.map((code) => typeInForce(types, code, call.year)))];
    return {
      id: a.id as number,
      dims: {
        year: call.year,
        call: call.id,
        programme: call.programme,
        county: municipality === null ? null : (parents.get(municipality) ?? null),
        municipality,
        applicant_type: organisations.get(a.organisation_id as number)!,
        stage: a.stage as string,
        status: a.status as string,
        has_evaluation: a.includes_evaluation as number,
        designated: municipality !== null && members.has(`${call.earmark_designation_id}:${municipality}`) ? 1 : 0,
      },
      areaTypes: areaTypes.length === 0 ? [null] : areaTypes,
      municipality,
      year: call.year,
      status: a.status as string,
      requested: a.requested_ore as number,
      granted: a.granted_ore as number,
      paid: paid.get(a.id as number)?.paid ?? 0,
      repaid: paid.get(a.id as number)?.repaid ?? 0,
    };
  });
}

/** The applications of each cell: dimension values on the grouped axes (area types fan an application out). */
export function referenceCells(applications: readonly ReferenceApplication[], axes: readonly CrosstabDimension[], grouped: readonly boolean[]): Map<string, ReferenceApplication[]> {
  const cells = new Map<string, ReferenceApplication[]>();
  for (const application of applications) {
    const areaTypes = axes.some((dimension, i) => dimension === 'area_type' && grouped[i]) ? application.areaTypes : [null];
    for (const areaType of areaTypes) {
      const key = JSON.stringify(axes.map((dimension, i) => (grouped[i] ? (dimension === 'area_type' ? areaType : (application.dims[dimension] ?? null)) : null)));
      const list = cells.get(key) ?? [];
      list.push(application);
      cells.set(key, list);
    }
  }
  return cells;
}

export function populationOf(db: Database, indicator: string): Map<string, number> {
  const rows = db.prepare("SELECT geo_code, period, value FROM indicator_values WHERE indicator_code = ? AND sex = 'T'").all(indicator) as { geo_code: string; period: number; value: number }[];
  return new Map(rows.map((row) => [`${row.geo_code}:${row.period}`, row.value]));
}

/** Every register measure of a set of applications, as the engine should give it. */
export function referenceMeasures(applications: readonly ReferenceApplication[], population: Map<string, number>) {
  const sum = (pick: (a: ReferenceApplication) => number) => applications.reduce((total, a) => total + pick(a), 0);
  const granted = applications.filter((a) => a.status === 'granted' || a.status === 'partly_granted').length;
  const counted = applications.filter((a) => a.municipality !== null && population.has(`${a.municipality}:${a.year}`));
  const pairs = new Set(counted.map((a) => `${a.municipality}:${a.year}`));
  const inhabitants = [...pairs].reduce((total, pair) => total + population.get(pair)!, 0);
  return {
    applications: applications.length,
    granted_count: granted,
    approval_rate: applications.length === 0 ? null : granted / applications.length,
    requested_sek: sum((a) => a.requested),
    granted_sek: sum((a) => a.granted),
    paid_sek: sum((a) => a.paid),
    repaid_sek: sum((a) => a.repaid),
    granted_sek_per_capita: inhabitants === 0 ? null : counted.reduce((total, a) => total + a.granted, 0) / inhabitants,
  };
}

export function mean(values: readonly number[]): number | null {
  return values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length;
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  return n % 2 ? sorted[(n - 1) / 2]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2;
}
