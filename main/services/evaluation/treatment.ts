import type { Database } from 'better-sqlite3';
import type { EvaluationDidArgs } from '../../contract/domains/evaluation';
import { sql, sqlJoin, sqlList } from '../../store/sql';

/** Only a grant treats a place: rejected, withdrawn and undecided applications treat nothing. */
export const GRANTED_STATUSES = ['granted', 'partly_granted'] as const;

export interface Treatment {
  /** Each treated place's first year: the first year of its earliest counting grant. */
  firstYears: Map<string, number>;
  /** The grants the filters let count. */
  grants: number;
}

interface GrantRow {
  municipality_code: string | null;
  target_areas: string;
  first_year: number;
}

type Filters = Pick<EvaluationDidArgs, 'level' | 'programme' | 'callId' | 'stage' | 'followResearch'>;

/** The year each place is first treated by the grants the filters let count. */
export function treatment(db: Database, filters: Filters): Treatment {
  const where = [sql`a.status IN ${sqlList(GRANTED_STATUSES)}`];
  if (filters.programme !== undefined) where.push(sql`c.programme = ${filters.programme}`);
  if (filters.callId !== undefined) where.push(sql`a.call_id = ${filters.callId}`);
  if (filters.stage !== undefined) where.push(sql`a.stage = ${filters.stage}`);
  if (filters.followResearch !== undefined) where.push(sql`a.includes_evaluation = ${filters.followResearch ? 1 : 0}`);
  const query = sql`SELECT a.municipality_code, a.target_areas, a.first_year
                      FROM applications a JOIN grant_calls c ON c.id = a.call_id
                     WHERE ${sqlJoin(where, ' AND ')}`;
  const grants = db.prepare(query.text).all(...query.params) as GrantRow[];
  const placesOf = filters.level === 'municipality' ? (grant: GrantRow) => (grant.municipality_code ? [grant.municipality_code] : []) : regsosOfTargets(db);
  const firstYears = new Map<string, number>();
  for (const grant of grants) {
    for (const place of placesOf(grant)) {
      const known = firstYears.get(place);
      if (known === undefined || grant.first_year < known) firstYears.set(place, grant.first_year);
    }
  }
  return { firstYears, grants: grants.length };
}

/**
 * An application's target areas are the text the applicant gave: RegSO or DeSO codes, or RegSO
 * names within its municipality, separated by commas, semicolons or lines. A DeSO stands for the
 * RegSO it is part of; what names no known area treats nothing.
 */
function regsosOfTargets(db: Database): (grant: GrantRow) => string[] {
  const areas = db.prepare('SELECT code, kind, name, municipality_code, regso_code FROM stat_areas').all() as {
    code: string;
    kind: 'regso' | 'deso';
    name: string | null;
    municipality_code: string;
    regso_code: string | null;
  }[];
  const byCode = new Map<string, string>();
  const byName = new Map<string, string>();
  for (const area of areas) {
    const regso = area.kind === 'regso' ? area.code : area.regso_code;
    if (!regso) continue;
    byCode.set(area.code.toUpperCase(), regso);
    if (area.kind === 'regso' && area.name) byName.set(nameKey(area.municipality_code, area.name), regso);
  }
  return (grant) => {
    const found = new Set<string>();
    for (const token of grant.target_areas.split(/[,;\n]/)) {
      const text = token.trim();
      if (text === '') continue;
      const regso = byCode.get(text.toUpperCase()) ?? (grant.municipality_code ? byName.get(nameKey(grant.municipality_code, text)) : undefined);
      if (regso) found.add(regso);
    }
    return [...found];
  };
}

const nameKey = (municipality: string, name: string) => `${municipality}\u0000${name.trim().toLocaleLowerCase('sv')}`;
