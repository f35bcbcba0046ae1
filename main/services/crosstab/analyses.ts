import { readFileSync, statSync } from 'node:fs';
import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import {
  ANALYSIS_FILE_FORMAT,
  ANALYSIS_FILE_MAX_BYTES,
  ANALYSIS_FILE_VERSION,
  ANALYSIS_NAME_MAX,
  analysisName,
  type AnalysisFileProblem,
  type AnalysisSaveArgs,
  type SavedAnalysis,
} from '../../contract/domains/analyses';
import { crosstabQuery, type CrosstabQuery } from '../../contract/domains/crosstab';
import { AppError } from '../../contract/errors';
import { osUser } from '../../domain/audit';
import { writeFileAtomically } from '../../store/atomic-file';
import { statement } from '../../store/statement-cache';

interface AnalysisRow {
  id: number;
  name: string;
  query: string;
  created_at: string;
  updated_at: string;
  created_by: string;
}

const COLUMNS = 'id, name, query, created_at, updated_at, created_by';

/** The stored query is trusted no more than a file's: what no longer passes the schema reads as null. */
function storedQuery(text: string): CrosstabQuery | null {
  try {
    const parsed = crosstabQuery.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

function analysisOf(row: AnalysisRow): SavedAnalysis {
  return { id: row.id, name: row.name, query: storedQuery(row.query), createdAt: row.created_at, updatedAt: row.updated_at, createdBy: row.created_by };
}

export function listAnalyses(db: Database): SavedAnalysis[] {
  return (statement(db, `SELECT ${COLUMNS} FROM saved_analyses ORDER BY name, id`).all() as AnalysisRow[]).map(analysisOf);
}

export function analysisById(db: Database, id: number): SavedAnalysis {
  const row = statement(db, `SELECT ${COLUMNS} FROM saved_analyses WHERE id = ?`).get(id) as AnalysisRow | undefined;
  if (!row) throw new AppError('ANALYSIS_NOT_FOUND', `No saved analysis has id ${id}.`, { id });
  return analysisOf(row);
}

export function analysisByName(db: Database, name: string): SavedAnalysis | undefined {
  const row = statement(db, `SELECT ${COLUMNS} FROM saved_analyses WHERE name = ?`).get(name) as AnalysisRow | undefined;
  return row && analysisOf(row);
}

/**
 * With an id, that analysis gets the name and query (another one's name is refused); without,
 * the analysis of that name is replaced or a new one made, as "save as" does.
 */
export function saveAnalysis(db: Database, args: AnalysisSaveArgs): SavedAnalysis {
  const query = JSON.stringify(crosstabQuery.parse(args.query));
  const now = new Date().toISOString();
  return db.transaction(() => {
    if (args.id === undefined) {
      const row = statement(
        db,
        `INSERT INTO saved_analyses (name, query, created_at, updated_at, created_by) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (name) DO UPDATE SET query = excluded.query, updated_at = excluded.updated_at RETURNING ${COLUMNS}`,
      ).get(args.name, query, now, now, osUser()) as AnalysisRow;
      return analysisOf(row);
    }
    const holder = statement(db, 'SELECT id FROM saved_analyses WHERE name = ?').pluck().get(args.name) as number | undefined;
    if (holder !== undefined && holder !== args.id) {
      throw new AppError('ANALYSIS_NAME_TAKEN', `Another saved analysis is called "${args.name}".`, { name: args.name });
    }
    const row = statement(db, `UPDATE saved_analyses SET name = ?, query = ?, updated_at = ? WHERE id = ? RETURNING ${COLUMNS}`).get(
      args.name,
      query,
      now,
      args.id,
    ) as AnalysisRow | undefined;
    if (!row) throw new AppError('ANALYSIS_NOT_FOUND', `No saved analysis has id ${args.id}.`, { id: args.id });
    return analysisOf(row);
  })();
}

export function deleteAnalysis(db: Database, id: number): { deleted: boolean } {
  return { deleted: statement(db, 'DELETE FROM saved_analyses WHERE id = ?').run(id).changes > 0 };
}

/** The share file: exactly these keys, so that what another store reads is what was saved. */
const shareFile = z.strictObject({
  format: z.literal(ANALYSIS_FILE_FORMAT),
  version: z.literal(ANALYSIS_FILE_VERSION),
  name: analysisName,
  query: crosstabQuery,
});

export function analysisFileText(name: string, query: CrosstabQuery): string {
  return `${JSON.stringify({ format: ANALYSIS_FILE_FORMAT, version: ANALYSIS_FILE_VERSION, name, query } satisfies z.input<typeof shareFile>, null, 2)}\n`;
}

export async function exportAnalysisFile(db: Database, id: number, path: string): Promise<{ name: string }> {
  const analysis = analysisById(db, id);
  if (analysis.query === null) {
    throw new AppError('INVALID_ARGUMENT', `Saved analysis "${analysis.name}" has a query this version of Grantlens cannot read; save it again first.`, { id });
  }
  await writeFileAtomically(path, analysisFileText(analysis.name, analysis.query));
  return { name: analysis.name };
}

function refused(reason: AnalysisFileProblem, message: string, more: Record<string, unknown> = {}): AppError {
  return new AppError('ANALYSIS_FILE_INVALID', message, { reason, ...more });
}

/**
 * A share file's name and query, checked as strictly as the contract checks a call: a file changed
 * by hand or by anything else is either still a valid analysis or refused, never half read.
 */
export function readAnalysisFile(path: string): { name: string; query: CrosstabQuery } {
  if (statSync(path).size > ANALYSIS_FILE_MAX_BYTES) throw refused('too_large', `${path} is larger than any analysis file (${ANALYSIS_FILE_MAX_BYTES} bytes).`);
  let document: unknown;
  try {
    document = JSON.parse(readFileSync(path, 'utf8').replace(/^\uFEFF/, ''));
  } catch {
    throw refused('not_analysis', `${path} is not JSON.`);
  }
  const head = z.object({ format: z.literal(ANALYSIS_FILE_FORMAT), version: z.number().int().min(1) }).safeParse(document);
  if (!head.success) throw refused('not_analysis', `${path} is not a Grantlens analysis file.`);
  if (head.data.version > ANALYSIS_FILE_VERSION) {
    throw refused('newer_version', `${path} was written by a newer Grantlens (analysis file version ${head.data.version}).`, { version: head.data.version });
  }
  const parsed = shareFile.safeParse(document);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw refused('invalid_content', `${path} is not a valid analysis: ${issue.path.join('.') || '(file)'}: ${issue.message}`, { path: issue.path.map(String) });
  }
  return { name: parsed.data.name, query: parsed.data.query };
}

/** A name no saved analysis has: the file's, else with " (2)", " (3)"… so that importing never replaces one. */
function freeName(db: Database, name: string): string {
  const taken = new Set(statement(db, 'SELECT name FROM saved_analyses').pluck().all() as string[]);
  if (!taken.has(name)) return name;
  for (let n = 2; ; n++) {
    const suffix = ` (${n})`;
    const candidate = `${name.slice(0, ANALYSIS_NAME_MAX - suffix.length)}${suffix}`;
    if (!taken.has(candidate)) return candidate;
  }
}

export function importAnalysisFile(db: Database, path: string): SavedAnalysis {
  const { name, query } = readAnalysisFile(path);
  return db.transaction(() => saveAnalysis(db, { name: freeName(db, name), query }))();
}
