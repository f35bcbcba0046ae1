-- The values grid pages indicator values in SQLite like the register (issue 4): keyset paging seeks
-- in an index on (sort column, id), so a value needs an integer id, and each sortable column (value,
-- year, place) must be a NOT NULL column of the points table itself. 0003's points were a WITHOUT
-- ROWID table keyed by (series, year) with the place on the series, so they are rebuilt here with a
-- row id and the place code copied from their series (a place never changes for a series).

-- The view and its INSTEAD OF triggers name the old table: dropped first, made again below.
DROP VIEW indicator_values;

CREATE TABLE indicator_points_v4 (
  id        INTEGER PRIMARY KEY,
  series_id INTEGER NOT NULL REFERENCES indicator_series (id),
  period    INTEGER NOT NULL,
  value     REAL NOT NULL,
  import_id INTEGER REFERENCES indicator_imports (id),
  -- Always the series' geo_code: the importer and the view's insert trigger write both.
  geo_code  TEXT NOT NULL,
  UNIQUE (series_id, period)
) STRICT;

INSERT INTO indicator_points_v4 (series_id, period, value, import_id, geo_code)
  SELECT p.series_id, p.period, p.value, p.import_id, s.geo_code
    FROM indicator_points p JOIN indicator_series s ON s.id = p.series_id
   ORDER BY p.series_id, p.period;

-- Takes the history trigger with it; it is made again on the new table below.
DROP TABLE indicator_points;
ALTER TABLE indicator_points_v4 RENAME TO indicator_points;

-- The grid's sorts, each with the id as tiebreaker (see main/services/indicators/values-grid.ts).
CREATE INDEX indicator_points_value ON indicator_points (value, id);
CREATE INDEX indicator_points_period ON indicator_points (period, id);
CREATE INDEX indicator_points_place ON indicator_points (geo_code, id);

CREATE VIEW indicator_values (indicator_code, geo_code, period, sex, value, import_id) AS
  SELECT s.indicator_code, s.geo_code, p.period, s.sex, p.value, p.import_id
    FROM indicator_points p JOIN indicator_series s ON s.id = p.series_id;

CREATE TRIGGER indicator_values_insert INSTEAD OF INSERT ON indicator_values
BEGIN
  INSERT OR IGNORE INTO indicator_series (indicator_code, geo_code, sex) VALUES (new.indicator_code, new.geo_code, new.sex);
  INSERT INTO indicator_points (series_id, period, value, import_id, geo_code)
  VALUES ((SELECT id FROM indicator_series WHERE indicator_code = new.indicator_code AND geo_code = new.geo_code AND sex = new.sex),
          new.period, new.value, new.import_id, new.geo_code);
END;

CREATE TRIGGER indicator_values_update INSTEAD OF UPDATE OF value ON indicator_values
BEGIN
  UPDATE indicator_points SET value = new.value, import_id = new.import_id
   WHERE period = old.period
     AND series_id = (SELECT id FROM indicator_series WHERE indicator_code = old.indicator_code AND geo_code = old.geo_code AND sex = old.sex);
END;

CREATE TRIGGER indicator_points_history AFTER UPDATE OF value ON indicator_points
  WHEN old.value IS NOT new.value
BEGIN
  INSERT INTO indicator_value_history (indicator_code, geo_code, period, sex, value, import_id, replaced_by, replaced_at)
  SELECT s.indicator_code, s.geo_code, old.period, s.sex, old.value, old.import_id, new.import_id,
         strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
    FROM indicator_series s WHERE s.id = old.series_id;
END;
