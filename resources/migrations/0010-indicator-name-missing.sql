-- An indicator defined by importing its values (a Kolada file names only the KPI's code) has no
-- name yet: name_sv and name_en hold the code until a Kolada KPI metadata file or a definitions
-- file names it, and the UI says the name is missing rather than showing the code as one.
ALTER TABLE indicators ADD COLUMN name_missing INTEGER NOT NULL DEFAULT 0 CHECK (name_missing IN (0, 1));
