import { z } from 'zod';
import { call } from '../call-spec';
import { crosstabQuery } from './crosstab';
import { fileId } from './files';
import { rowId } from './paging';
import { noArgs } from './store';

// Saved analyses: a named cross-tab query kept in the store (migration 0009), re-run on the data as
// it is now with crosstab.run, and shared as a small JSON file that another store can import.

export const ANALYSIS_NAME_MAX = 100;
export const analysisName = z.string().trim().min(1).max(ANALYSIS_NAME_MAX);

export const savedAnalysis = z.object({
  id: z.number().int(),
  name: z.string(),
  /**
   * Checked against the cross-tab's query schema whenever it is read: null when the stored query no
   * longer passes (a store edited by hand, or by a Grantlens that knows other dimensions), so the list
   * still shows it, to be deleted or saved again.
   */
  query: crosstabQuery.nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** The OS account that first saved it, as the audit log records edits. */
  createdBy: z.string(),
});

export const analysisSaveArgs = z.strictObject({
  /** Given: that analysis is changed (renamed, its query replaced). Left out: saved under the name, replacing one of that name. */
  id: rowId.optional(),
  name: analysisName,
  query: crosstabQuery,
});

/** The share file: `{ format, version, name, query }` as JSON, nothing else. */
export const ANALYSIS_FILE_FORMAT = 'grantlens.analysis';
export const ANALYSIS_FILE_VERSION = 1;
/** A share file is a few hundred bytes; anything far larger is not one and is not read. */
export const ANALYSIS_FILE_MAX_BYTES = 64 * 1024;

/** Why a share file was refused (ANALYSIS_FILE_INVALID, in details.reason). */
export const analysisFileProblems = [
  /** Larger than any share file. */
  'too_large',
  /** Not JSON, or JSON that is not a Grantlens analysis. */
  'not_analysis',
  /** Written by a newer Grantlens. */
  'newer_version',
  /** Its name or query do not pass the checks a saved analysis passes (edited by hand, or damaged). */
  'invalid_content',
] as const;

export const analysesCalls = {
  'analyses.list': call(noArgs, z.array(savedAnalysis)),
  'analyses.save': call(analysisSaveArgs, savedAnalysis, { writes: ['saved_analyses'] }),
  /** Not undoable: the register's undo covers its edits only, so the renderer confirms before deleting. */
  'analyses.delete': call(z.strictObject({ id: rowId }), z.object({ deleted: z.boolean() }), { writes: ['saved_analyses'] }),
  /** Writes the share file, not the store: it runs on a reader. */
  'analyses.exportFile': call(z.strictObject({ id: rowId, fileId }), z.object({ name: z.string() })),
  /**
   * Saves the file's analysis in this store; under its own name, or with " (2)", " (3)"… when this
   * store has one of that name already, which is never replaced.
   */
  'analyses.importFile': call(z.strictObject({ fileId }), savedAnalysis, { writes: ['saved_analyses'] }),
};

export type SavedAnalysis = z.output<typeof savedAnalysis>;
export type AnalysisSaveArgs = z.output<typeof analysisSaveArgs>;
export type AnalysisFileProblem = (typeof analysisFileProblems)[number];
