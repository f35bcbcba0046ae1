-- Indicators and geography (issue 4): statistical areas with their area types, indicator
-- definitions with disaggregations and levels, values with provenance and history, designation rules.

-- DeSO and RegSO live beside `geographies`, not in it: 0001's CHECK on geographies.level cannot be
-- widened in place, and rebuilding a table that four others reference cannot be done with foreign
-- keys on, which is how migrations run.
CREATE TABLE stat_areas (
  code              TEXT PRIMARY KEY,
  kind              TEXT NOT NULL CHECK (kind IN ('regso', 'deso')),
  name              TEXT,
  municipality_code TEXT NOT NULL REFERENCES geographies (code),
  -- The RegSO a DeSO is part of; RegSOs are built from whole DeSOs.
  regso_code        TEXT REFERENCES stat_areas (code),
  CHECK (kind = 'deso' OR regso_code IS NULL)
) STRICT;
CREATE INDEX stat_areas_municipality ON stat_areas (municipality_code);

-- Socio-economic area type of a RegSO, 1 (major challenges) to 5 (very good conditions); it is
-- reclassified now and then, so it is kept per year.
CREATE TABLE area_types (
  area_code TEXT NOT NULL REFERENCES stat_areas (code),
  year      INTEGER NOT NULL,
  area_type INTEGER NOT NULL CHECK (area_type BETWEEN 1 AND 5),
  PRIMARY KEY (area_code, year)
) STRICT, WITHOUT ROWID;

-- Every place a value can be about, whatever table it is kept in.
CREATE VIEW places (code, level, name, municipality_code, county_code) AS
  SELECT code, level, name,
         CASE level WHEN 'municipality' THEN code END,
         CASE level WHEN 'county' THEN code WHEN 'municipality' THEN parent_code END
    FROM geographies
  UNION ALL
  SELECT a.code, a.kind, coalesce(a.name, a.code), a.municipality_code, m.parent_code
    FROM stat_areas a JOIN geographies m ON m.code = a.municipality_code;

-- Which breakdown by sex an indicator has ('T' only, or total, women and men), and the levels it
-- exists at, comma-separated; values at other levels or sexes are refused on import.
ALTER TABLE indicators ADD COLUMN sexes TEXT NOT NULL DEFAULT 'TKM' CHECK (sexes IN ('T', 'TKM'));
ALTER TABLE indicators ADD COLUMN levels TEXT NOT NULL DEFAULT 'country,county,municipality';

-- One row per import, so each value can say which file it came from and when.
CREATE TABLE indicator_imports (
  id          INTEGER PRIMARY KEY,
  file_name   TEXT NOT NULL,
  format      TEXT NOT NULL CHECK (format IN ('csv', 'xlsx', 'kolada', 'jsonstat')),
  imported_at TEXT NOT NULL,
  rows        INTEGER NOT NULL DEFAULT 0,
  inserted    INTEGER NOT NULL DEFAULT 0,
  updated     INTEGER NOT NULL DEFAULT 0,
  unchanged   INTEGER NOT NULL DEFAULT 0,
  rejected    INTEGER NOT NULL DEFAULT 0
) STRICT;

-- Values are stored as points of series: a series is one indicator for one place and sex, a point
-- its value in a year. Integer keys make a value's row a third of the size it had with the text key
-- (indicator, place, year, sex), and a multi-row insert of them twice as fast (517,000 against
-- 280,000 rows/s measured here), which the import of ten million values needs. geo_code names a
-- geography or a statistical area (see `places`), so it cannot be one foreign key: the importer
-- checks it against `places` inside its write transaction.
CREATE TABLE indicator_series (
  id             INTEGER PRIMARY KEY,
  indicator_code TEXT NOT NULL REFERENCES indicators (code),
  geo_code       TEXT NOT NULL,
  sex            TEXT NOT NULL CHECK (sex IN ('T', 'K', 'M')),
  UNIQUE (indicator_code, geo_code, sex)
) STRICT;

-- Demo values have no import (NULL).
CREATE TABLE indicator_points (
  series_id INTEGER NOT NULL REFERENCES indicator_series (id),
  period    INTEGER NOT NULL,
  value     REAL NOT NULL,
  import_id INTEGER REFERENCES indicator_imports (id),
  PRIMARY KEY (series_id, period)
) STRICT, WITHOUT ROWID;

INSERT INTO indicator_series (indicator_code, geo_code, sex)
  SELECT DISTINCT indicator_code, geo_code, sex FROM indicator_values;
INSERT INTO indicator_points (series_id, period, value)
  SELECT s.id, v.period, v.value FROM indicator_values v
    JOIN indicator_series s ON s.indicator_code = v.indicator_code AND s.geo_code = v.geo_code AND s.sex = v.sex;
DROP TABLE indicator_values;

-- What everything but the importer reads and writes: one row per value, as 0001 had it.
CREATE VIEW indicator_values (indicator_code, geo_code, period, sex, value, import_id) AS
  SELECT s.indicator_code, s.geo_code, p.period, s.sex, p.value, p.import_id
    FROM indicator_points p JOIN indicator_series s ON s.id = p.series_id;

CREATE TRIGGER indicator_values_insert INSTEAD OF INSERT ON indicator_values
BEGIN
  INSERT OR IGNORE INTO indicator_series (indicator_code, geo_code, sex) VALUES (new.indicator_code, new.geo_code, new.sex);
  INSERT INTO indicator_points (series_id, period, value, import_id)
  VALUES ((SELECT id FROM indicator_series WHERE indicator_code = new.indicator_code AND geo_code = new.geo_code AND sex = new.sex),
          new.period, new.value, new.import_id);
END;

CREATE TRIGGER indicator_values_update INSTEAD OF UPDATE OF value ON indicator_values
BEGIN
  UPDATE indicator_points SET value = new.value, import_id = new.import_id
   WHERE period = old.period
     AND series_id = (SELECT id FROM indicator_series WHERE indicator_code = old.indicator_code AND geo_code = old.geo_code AND sex = old.sex);
END;

-- A re-import that changes a value keeps the earlier one here, with the import that replaced it.
CREATE TABLE indicator_value_history (
  id             INTEGER PRIMARY KEY,
  indicator_code TEXT NOT NULL,
  geo_code       TEXT NOT NULL,
  period         INTEGER NOT NULL,
  sex            TEXT NOT NULL,
  value          REAL NOT NULL,
  import_id      INTEGER REFERENCES indicator_imports (id),
  replaced_by    INTEGER REFERENCES indicator_imports (id),
  replaced_at    TEXT NOT NULL
) STRICT;
CREATE INDEX indicator_value_history_key ON indicator_value_history (indicator_code, geo_code, period, sex);
CREATE INDEX indicator_value_history_replaced_by ON indicator_value_history (replaced_by);

CREATE TRIGGER indicator_points_history AFTER UPDATE OF value ON indicator_points
  WHEN old.value IS NOT new.value
BEGIN
  INSERT INTO indicator_value_history (indicator_code, geo_code, period, sex, value, import_id, replaced_by, replaced_at)
  SELECT s.indicator_code, s.geo_code, old.period, s.sex, old.value, old.import_id, new.import_id,
         strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
    FROM indicator_series s WHERE s.id = old.series_id;
END;

-- Boundaries the user imported (GeoJSON, one feature per place), for maps. Optional: every other
-- view works without them.
CREATE TABLE boundaries (
  level       TEXT NOT NULL CHECK (level IN ('county', 'municipality', 'regso', 'deso')),
  geo_code    TEXT NOT NULL,
  geometry    TEXT NOT NULL,
  imported_at TEXT NOT NULL,
  PRIMARY KEY (level, geo_code)
) STRICT, WITHOUT ROWID;

-- A designation rule as the user wrote it (JSON: conditions and how they combine); running it
-- can save its result as a row set in designations.
CREATE TABLE designation_rules (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL UNIQUE,
  rule       TEXT NOT NULL CHECK (json_valid(rule)),
  updated_at TEXT NOT NULL
) STRICT;

-- The indicators the importers know out of the box (codes as Kolada and SCB publish them); more can
-- be defined by the user. Sources say where the real figures come from.
INSERT INTO indicators (code, name_sv, name_en, unit, source, higher_is_better, sexes, levels) VALUES
  ('N00914', 'Arbetslöshet 16–64 år', 'Unemployment, age 16–64', '%', 'Kolada', 0, 'TKM', 'country,county,municipality'),
  ('AM0207AC', 'Förvärvsfrekvens 20–64 år', 'Employment rate, age 20–64', '%', 'SCB', 1, 'TKM', 'country,county,municipality,regso,deso'),
  ('UF0506EG', 'Eftergymnasial utbildning 25–64 år', 'Post-secondary education, age 25–64', '%', 'SCB', 1, 'TKM', 'country,county,municipality,regso,deso'),
  ('ME0104KF', 'Valdeltagande i kommunfullmäktigeval', 'Voter turnout, municipal council elections', '%', 'Valmyndigheten', 1, 'TKM', 'country,county,municipality'),
  ('HE0110MI', 'Medianinkomst, förvärvsinkomst 20–64 år', 'Median earned income, age 20–64', 'kr', 'SCB', 1, 'TKM', 'country,county,municipality,regso,deso'),
  ('OJI', 'Ojämlikhetsindex', 'Inequality index', 'index', 'SCB', 0, 'T', 'country,county,municipality'),
  ('OMRT12', 'Andel invånare i områdestyp 1–2', 'Share of residents in area types 1–2', '%', 'SCB', 0, 'T', 'country,county,municipality');
