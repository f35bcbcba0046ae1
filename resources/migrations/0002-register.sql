-- The register (issue 3): what 0001 lacked for the whole grant flow, the indexes that let a grid page
-- through a million applications by keyset, full-text search, saved grid views and the audit log.

-- Applications: a summary, the areas in the target municipality, and the granted total kept beside
-- the requested one (by triggers on decisions) so both can be sorted through an index.
ALTER TABLE applications ADD COLUMN summary TEXT NOT NULL DEFAULT '';
ALTER TABLE applications ADD COLUMN target_areas TEXT NOT NULL DEFAULT '';
ALTER TABLE applications ADD COLUMN granted_ore INTEGER NOT NULL DEFAULT 0 CHECK (granted_ore >= 0);

-- One index per sortable grid column, each ending in id: keyset paging seeks (value, id) > (?, ?).
CREATE INDEX applications_sort_case_number ON applications (case_number, id);
CREATE INDEX applications_sort_title ON applications (title, id);
CREATE INDEX applications_sort_status ON applications (status, id);
CREATE INDEX applications_sort_stage ON applications (stage, id);
CREATE INDEX applications_sort_first_year ON applications (first_year, id);
CREATE INDEX applications_sort_requested ON applications (requested_ore, id);
CREATE INDEX applications_sort_granted ON applications (granted_ore, id);
CREATE INDEX applications_sort_received ON applications (received_on, id);
CREATE INDEX organisations_sort_name ON organisations (name, id);

-- Co-applicants and partners beside the lead applicant (applications.organisation_id).
CREATE TABLE application_partners (
  application_id  INTEGER NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
  organisation_id INTEGER NOT NULL REFERENCES organisations (id),
  role            TEXT NOT NULL CHECK (role IN ('co_applicant', 'partner')),
  PRIMARY KEY (application_id, organisation_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX application_partners_organisation ON application_partners (organisation_id);

CREATE TABLE application_years (
  application_id INTEGER NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
  year           INTEGER NOT NULL,
  requested_ore  INTEGER NOT NULL CHECK (requested_ore >= 0),
  PRIMARY KEY (application_id, year)
) STRICT, WITHOUT ROWID;

-- Every status an application has had, with the day it changed.
CREATE TABLE status_transitions (
  id             INTEGER PRIMARY KEY,
  application_id INTEGER NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
  status         TEXT NOT NULL CHECK (status IN ('received', 'in_review', 'granted',
                                                 'partly_granted', 'rejected', 'withdrawn')),
  changed_on     TEXT NOT NULL
) STRICT;
CREATE INDEX status_transitions_application ON status_transitions (application_id, changed_on);

CREATE TABLE decision_years (
  decision_id INTEGER NOT NULL REFERENCES decisions (id) ON DELETE CASCADE,
  year        INTEGER NOT NULL,
  granted_ore INTEGER NOT NULL CHECK (granted_ore >= 0),
  PRIMARY KEY (decision_id, year)
) STRICT, WITHOUT ROWID;

CREATE TABLE reports (
  id             INTEGER PRIMARY KEY,
  application_id INTEGER NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
  kind           TEXT NOT NULL CHECK (kind IN ('progress', 'final', 'financial')),
  due_on         TEXT NOT NULL,
  received_on    TEXT
) STRICT;
CREATE INDEX reports_application ON reports (application_id);
CREATE INDEX reports_due ON reports (received_on, due_on);

CREATE TRIGGER decisions_granted_insert AFTER INSERT ON decisions BEGIN
  UPDATE applications SET granted_ore = granted_ore + new.granted_ore WHERE id = new.application_id;
END;
CREATE TRIGGER decisions_granted_update AFTER UPDATE OF granted_ore, application_id ON decisions BEGIN
  UPDATE applications SET granted_ore = granted_ore - old.granted_ore WHERE id = old.application_id;
  UPDATE applications SET granted_ore = granted_ore + new.granted_ore WHERE id = new.application_id;
END;
CREATE TRIGGER decisions_granted_delete AFTER DELETE ON decisions BEGIN
  UPDATE applications SET granted_ore = granted_ore - old.granted_ore WHERE id = old.application_id;
END;
UPDATE applications SET granted_ore = coalesce((SELECT sum(granted_ore) FROM decisions WHERE application_id = applications.id), 0);

-- Full-text search over title, summary and the lead applicant's name. Diacritics are kept, so
-- "å", "ä" and "ö" are letters of their own as in Swedish; case is folded. Contentless: the text
-- lives in the tables, the index only points at application ids.
CREATE VIRTUAL TABLE applications_fts USING fts5(
  title, summary, organisation,
  content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 0'
);
CREATE TRIGGER applications_fts_insert AFTER INSERT ON applications BEGIN
  INSERT INTO applications_fts (rowid, title, summary, organisation)
  VALUES (new.id, new.title, new.summary, (SELECT name FROM organisations WHERE id = new.organisation_id));
END;
CREATE TRIGGER applications_fts_update AFTER UPDATE OF title, summary, organisation_id ON applications BEGIN
  DELETE FROM applications_fts WHERE rowid = old.id;
  INSERT INTO applications_fts (rowid, title, summary, organisation)
  VALUES (new.id, new.title, new.summary, (SELECT name FROM organisations WHERE id = new.organisation_id));
END;
CREATE TRIGGER applications_fts_delete AFTER DELETE ON applications BEGIN
  DELETE FROM applications_fts WHERE rowid = old.id;
END;
CREATE TRIGGER organisations_fts_rename AFTER UPDATE OF name ON organisations BEGIN
  DELETE FROM applications_fts WHERE rowid IN (SELECT id FROM applications WHERE organisation_id = new.id);
  INSERT INTO applications_fts (rowid, title, summary, organisation)
  SELECT id, title, summary, new.name FROM applications WHERE organisation_id = new.id;
END;
INSERT INTO applications_fts (rowid, title, summary, organisation)
SELECT a.id, a.title, a.summary, o.name FROM applications a JOIN organisations o ON o.id = a.organisation_id;

-- A grid's saved views: its columns, sort and filters, as the JSON the grid gave.
CREATE TABLE saved_views (
  id    INTEGER PRIMARY KEY,
  grid  TEXT NOT NULL,
  name  TEXT NOT NULL,
  state TEXT NOT NULL CHECK (json_valid(state)),
  UNIQUE (grid, name)
) STRICT;

-- The audit log: one edit (who, when, what kind) with one row per changed field. Undo writes the
-- old values back as an edit of its own and marks the undone edit, so the log stays append-only.
CREATE TABLE edits (
  id          INTEGER PRIMARY KEY,
  made_at     TEXT NOT NULL,
  made_by     TEXT NOT NULL,
  action      TEXT NOT NULL CHECK (action IN ('update', 'insert', 'import', 'undo')),
  undoes_edit INTEGER REFERENCES edits (id),
  undone_by   INTEGER REFERENCES edits (id)
) STRICT;
CREATE TABLE audit_log (
  id         INTEGER PRIMARY KEY,
  edit_id    INTEGER NOT NULL REFERENCES edits (id),
  table_name TEXT NOT NULL,
  row_id     INTEGER NOT NULL,
  field      TEXT,
  old_value  ANY,
  new_value  ANY
) STRICT;
CREATE INDEX audit_log_row ON audit_log (table_name, row_id);
CREATE INDEX audit_log_edit ON audit_log (edit_id);
