-- The audit log becomes a hash chain (issue 13): each entry's hash is SHA-256 over the previous
-- entry's hash and its own fields with its edit's who, when and kind (main/store/audit-chain.ts),
-- so an entry edited, deleted or inserted outside Grantlens breaks the chain at that entry.
-- The entries a store already holds are chained here, oldest first; `grantlens_audit_hash` is the
-- app's own function, registered on every connection that migrates.
ALTER TABLE audit_log ADD COLUMN hash TEXT;

CREATE TEMP TABLE audit_chain_order (n INTEGER PRIMARY KEY, id INTEGER NOT NULL);
INSERT INTO audit_chain_order (n, id) SELECT row_number() OVER (ORDER BY id), id FROM audit_log;
CREATE TEMP TABLE audit_chain (id INTEGER PRIMARY KEY, hash TEXT NOT NULL);
WITH RECURSIVE chain (n, hash) AS (
  SELECT 0, ''
  UNION ALL
  SELECT o.n, grantlens_audit_hash(chain.hash, l.id, l.edit_id, e.made_at, e.made_by, e.action, e.undoes_edit,
                                   l.table_name, l.row_id, l.field, l.old_value, l.new_value)
  FROM chain
  JOIN audit_chain_order o ON o.n = chain.n + 1
  JOIN audit_log l ON l.id = o.id
  JOIN edits e ON e.id = l.edit_id
)
INSERT INTO audit_chain (id, hash) SELECT o.id, chain.hash FROM chain JOIN audit_chain_order o ON o.n = chain.n;
UPDATE audit_log SET hash = (SELECT hash FROM audit_chain c WHERE c.id = audit_log.id);
DROP TABLE audit_chain_order;
DROP TABLE audit_chain;

-- Exchange packages (docs/exchange.md): the values of each exchanged record as this store last
-- sent or received them, the common base that tells a change made on one side since then from a
-- real conflict (both sides changed the field). Keyed by the record's global key, never a local id.
CREATE TABLE exchange_base (
  record_key TEXT PRIMARY KEY CHECK (length(record_key) BETWEEN 1 AND 300),
  fields     TEXT NOT NULL CHECK (json_valid(fields))
) STRICT, WITHOUT ROWID;
