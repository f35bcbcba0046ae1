-- Saved analyses (issue 11): a cross-tab query kept under a name, re-run on the data as it is now.
-- The query is the JSON of the contract's crosstab query (main/contract/domains/crosstab.ts), checked
-- against that schema on every write and read; here only that it is JSON. Names are unique, so that
-- saving under an existing name replaces it, as saved views do.

CREATE TABLE saved_analyses (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 100),
  query      TEXT NOT NULL CHECK (json_valid(query)),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  -- The OS account, as the audit log records who made an edit.
  created_by TEXT NOT NULL
) STRICT;
