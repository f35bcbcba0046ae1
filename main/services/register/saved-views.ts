import type { Database } from 'better-sqlite3';
import type { SavedView } from '../../contract/calls';

export function listViews(db: Database, grid: string): SavedView[] {
  return db.prepare('SELECT id, grid, name, state FROM saved_views WHERE grid = ? ORDER BY name').all(grid) as SavedView[];
}

/** Saving under an existing name replaces that view, as a user expects from "save as". */
export function saveView(db: Database, grid: string, name: string, state: string): SavedView {
  return db
    .prepare(
      `INSERT INTO saved_views (grid, name, state) VALUES (?, ?, ?)
       ON CONFLICT (grid, name) DO UPDATE SET state = excluded.state RETURNING id, grid, name, state`,
    )
    .get(grid, name, state) as SavedView;
}

export function deleteView(db: Database, id: number): { deleted: boolean } {
  return { deleted: db.prepare('DELETE FROM saved_views WHERE id = ?').run(id).changes > 0 };
}
