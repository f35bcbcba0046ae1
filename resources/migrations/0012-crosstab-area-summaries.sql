-- Cross-tabs by area type read every application (its target areas are a column of it): 1.5 s at
-- 150,000 applications, seconds at issue 11's million. The store now keeps their sums too, in the
-- cuboids of 0008 with the area type beside: an application counts once under each distinct type,
-- in force in its call's year, of the RegSOs of its municipality it names in target_areas, and under
-- 0 ("no area type") when it names none of them or one never classified. Within one area type the
-- sums add up as 0008's do; across area types they do not (an application of two types is in two
-- rows), so totals over area types come from 0008's cuboids.
--
-- Triggers keep every row equal to a GROUP BY of crosstab_area_rows after every write: the
-- application's own columns, its organisation's type, its payments, and what decides its area types
-- (the areas, their classification, the call's year).

-- What each application adds to each cuboid, once per target area it names (two areas of one type
-- give two equal rows, which every reader takes DISTINCT).
CREATE VIEW crosstab_area_rows AS
SELECT a.id AS application_id, a.organisation_id, a.municipality_code AS place, a.target_areas, c.id AS cuboid, a.call_id,
       CASE WHEN c.by_municipality THEN coalesce(a.municipality_code, '') ELSE '*' END AS municipality_code,
       coalesce((SELECT t.area_type FROM area_types t WHERE t.area_code = ta.code AND t.year <= gc.year ORDER BY t.year DESC LIMIT 1),
                (SELECT t.area_type FROM area_types t WHERE t.area_code = ta.code ORDER BY t.year LIMIT 1), 0) AS area_type,
       CASE WHEN c.by_applicant_type THEN o.type ELSE '*' END AS applicant_type,
       CASE WHEN c.by_stage THEN a.stage ELSE '*' END AS stage,
       CASE WHEN c.by_status THEN a.status ELSE '*' END AS status,
       CASE WHEN c.by_evaluation THEN a.includes_evaluation ELSE -1 END AS includes_evaluation,
       1 AS n, a.status IN ('granted', 'partly_granted') AS granted_n, a.requested_ore AS requested, a.granted_ore AS granted,
       (SELECT coalesce(sum(p.amount_ore), 0) FROM decisions d JOIN payments p ON p.decision_id = d.id WHERE d.application_id = a.id AND p.kind = 'payment') AS paid,
       (SELECT coalesce(sum(p.amount_ore), 0) FROM decisions d JOIN payments p ON p.decision_id = d.id WHERE d.application_id = a.id AND p.kind = 'repayment') AS repaid
  FROM applications a JOIN organisations o ON o.id = a.organisation_id JOIN grant_calls gc ON gc.id = a.call_id CROSS JOIN crosstab_cuboids c
  LEFT JOIN stat_areas ta ON a.target_areas <> '' AND ta.kind = 'regso' AND ta.municipality_code = a.municipality_code
   AND instr(',' || replace(replace(a.target_areas, ' ', ','), ';', ',') || ',', ',' || ta.code || ',') > 0;

CREATE TABLE crosstab_area_summaries (
  cuboid              INTEGER NOT NULL REFERENCES crosstab_cuboids (id),
  call_id             INTEGER NOT NULL,
  municipality_code   TEXT NOT NULL,
  area_type           INTEGER NOT NULL CHECK (area_type BETWEEN 0 AND 5),
  applicant_type      TEXT NOT NULL,
  stage               TEXT NOT NULL,
  status              TEXT NOT NULL,
  includes_evaluation INTEGER NOT NULL,
  n                   INTEGER NOT NULL,
  granted_n           INTEGER NOT NULL,
  requested           INTEGER NOT NULL,
  granted             INTEGER NOT NULL,
  paid                INTEGER NOT NULL,
  repaid              INTEGER NOT NULL,
  PRIMARY KEY (cuboid, call_id, municipality_code, area_type, applicant_type, stage, status, includes_evaluation)
) STRICT, WITHOUT ROWID;

-- The store as it is: each application's types once (those naming no area without the areas' joins),
-- the finest groups once, each cuboid a roll-up of them.
INSERT INTO crosstab_area_summaries
WITH money AS (SELECT d.application_id,
                      sum(CASE p.kind WHEN 'payment' THEN p.amount_ore ELSE 0 END) AS paid,
                      sum(CASE p.kind WHEN 'repayment' THEN p.amount_ore ELSE 0 END) AS repaid
                 FROM payments p JOIN decisions d ON d.id = p.decision_id GROUP BY d.application_id),
     typed AS MATERIALIZED (
       SELECT id, 0 AS area_type FROM applications WHERE target_areas = ''
       UNION ALL
       SELECT DISTINCT application_id, area_type FROM crosstab_area_rows WHERE cuboid = 1 AND target_areas <> ''),
     finest AS MATERIALIZED (
       SELECT a.call_id, coalesce(a.municipality_code, '') AS municipality_code, t.area_type, o.type AS applicant_type, a.stage, a.status, a.includes_evaluation,
              count(*) AS n, sum(a.status IN ('granted', 'partly_granted')) AS granted_n, sum(a.requested_ore) AS requested,
              sum(a.granted_ore) AS granted, coalesce(sum(m.paid), 0) AS paid, coalesce(sum(m.repaid), 0) AS repaid
         FROM typed t JOIN applications a ON a.id = t.id JOIN organisations o ON o.id = a.organisation_id LEFT JOIN money m ON m.application_id = a.id
        GROUP BY 1, 2, 3, 4, 5, 6, 7)
SELECT c.id, f.call_id,
       CASE WHEN c.by_municipality THEN f.municipality_code ELSE '*' END,
       f.area_type,
       CASE WHEN c.by_applicant_type THEN f.applicant_type ELSE '*' END,
       CASE WHEN c.by_stage THEN f.stage ELSE '*' END,
       CASE WHEN c.by_status THEN f.status ELSE '*' END,
       CASE WHEN c.by_evaluation THEN f.includes_evaluation ELSE -1 END,
       sum(f.n), sum(f.granted_n), sum(f.requested), sum(f.granted), sum(f.paid), sum(f.repaid)
  FROM finest f CROSS JOIN crosstab_cuboids c
 GROUP BY 1, 2, 3, 4, 5, 6, 7, 8;

-- Each trigger below moves a set of applications out of their groups (their sums subtracted, before
-- the change) or into them (added, after it), with the same two statements: the rows of those
-- applications, DISTINCT per (application, type), summed by group; then groups left empty removed.
-- An application that names no target area (most of them) is in 0008's groups under type 0: its own
-- triggers (`_plain`) read 0008's view, without the areas' join, the DISTINCT and the GROUP BY, which
-- had made a register import's new applications and edits two to four times as costly to keep.

CREATE TRIGGER crosstab_area_applications_insert_plain AFTER INSERT ON applications WHEN new.target_areas = '' BEGIN
  INSERT INTO crosstab_area_summaries
  SELECT cuboid, call_id, municipality_code, 0, applicant_type, stage, status, includes_evaluation, n, granted_n, requested, granted, paid, repaid
    FROM crosstab_application_rows WHERE application_id = new.id
  ON CONFLICT DO UPDATE SET n = n + excluded.n, granted_n = granted_n + excluded.granted_n, requested = requested + excluded.requested,
    granted = granted + excluded.granted, paid = paid + excluded.paid, repaid = repaid + excluded.repaid;
END;
CREATE TRIGGER crosstab_area_applications_insert_areas AFTER INSERT ON applications WHEN new.target_areas <> '' BEGIN
  INSERT INTO crosstab_area_summaries
  SELECT cuboid, call_id, municipality_code, area_type, applicant_type, stage, status, includes_evaluation,
         sum(n), sum(granted_n), sum(requested), sum(granted), sum(paid), sum(repaid)
    FROM (SELECT DISTINCT * FROM crosstab_area_rows WHERE application_id = new.id) GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
  ON CONFLICT DO UPDATE SET n = n + excluded.n, granted_n = granted_n + excluded.granted_n, requested = requested + excluded.requested,
    granted = granted + excluded.granted, paid = paid + excluded.paid, repaid = repaid + excluded.repaid;
END;

-- Before the row goes, while it and its payments can be read (the cascade's payment and decision
-- triggers then find no application and leave the summaries alone).
CREATE TRIGGER crosstab_area_applications_delete_plain BEFORE DELETE ON applications WHEN old.target_areas = '' BEGIN
  INSERT INTO crosstab_area_summaries
  SELECT cuboid, call_id, municipality_code, 0, applicant_type, stage, status, includes_evaluation, -n, -granted_n, -requested, -granted, -paid, -repaid
    FROM crosstab_application_rows WHERE application_id = old.id
  ON CONFLICT DO UPDATE SET n = n + excluded.n, granted_n = granted_n + excluded.granted_n, requested = requested + excluded.requested,
    granted = granted + excluded.granted, paid = paid + excluded.paid, repaid = repaid + excluded.repaid;
  DELETE FROM crosstab_area_summaries WHERE n = 0
     AND (cuboid, call_id, municipality_code, area_type, applicant_type, stage, status, includes_evaluation) IN
         (SELECT cuboid, call_id, municipality_code, 0, applicant_type, stage, status, includes_evaluation FROM crosstab_application_rows WHERE application_id = old.id);
END;
CREATE TRIGGER crosstab_area_applications_delete_areas BEFORE DELETE ON applications WHEN old.target_areas <> '' BEGIN
  INSERT INTO crosstab_area_summaries
  SELECT cuboid, call_id, municipality_code, area_type, applicant_type, stage, status, includes_evaluation,
         -sum(n), -sum(granted_n), -sum(requested), -sum(granted), -sum(paid), -sum(repaid)
    FROM (SELECT DISTINCT * FROM crosstab_area_rows WHERE application_id = old.id) GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
  ON CONFLICT DO UPDATE SET n = n + excluded.n, granted_n = granted_n + excluded.granted_n, requested = requested + excluded.requested,
    granted = granted + excluded.granted, paid = paid + excluded.paid, repaid = repaid + excluded.repaid;
  DELETE FROM crosstab_area_summaries WHERE n = 0
     AND (cuboid, call_id, municipality_code, area_type, applicant_type, stage, status, includes_evaluation) IN
         (SELECT cuboid, call_id, municipality_code, area_type, applicant_type, stage, status, includes_evaluation FROM crosstab_area_rows WHERE application_id = old.id);
END;

CREATE TRIGGER crosstab_area_applications_update_out_plain
BEFORE UPDATE OF call_id, municipality_code, organisation_id, stage, status, includes_evaluation, requested_ore, granted_ore, target_areas ON applications
WHEN old.target_areas = '' AND (old.call_id IS NOT new.call_id OR old.municipality_code IS NOT new.municipality_code OR old.organisation_id IS NOT new.organisation_id
  OR old.stage IS NOT new.stage OR old.status IS NOT new.status OR old.includes_evaluation IS NOT new.includes_evaluation
  OR old.requested_ore IS NOT new.requested_ore OR old.granted_ore IS NOT new.granted_ore OR old.target_areas IS NOT new.target_areas)
BEGIN
  INSERT INTO crosstab_area_summaries
  SELECT cuboid, call_id, municipality_code, 0, applicant_type, stage, status, includes_evaluation, -n, -granted_n, -requested, -granted, -paid, -repaid
    FROM crosstab_application_rows WHERE application_id = old.id
  ON CONFLICT DO UPDATE SET n = n + excluded.n, granted_n = granted_n + excluded.granted_n, requested = requested + excluded.requested,
    granted = granted + excluded.granted, paid = paid + excluded.paid, repaid = repaid + excluded.repaid;
  DELETE FROM crosstab_area_summaries WHERE n = 0
     AND (cuboid, call_id, municipality_code, area_type, applicant_type, stage, status, includes_evaluation) IN
         (SELECT cuboid, call_id, municipality_code, 0, applicant_type, stage, status, includes_evaluation FROM crosstab_application_rows WHERE application_id = old.id);
END;
CREATE TRIGGER crosstab_area_applications_update_out_areas
BEFORE UPDATE OF call_id, municipality_code, organisation_id, stage, status, includes_evaluation, requested_ore, granted_ore, target_areas ON applications
WHEN old.target_areas <> '' AND (old.call_id IS NOT new.call_id OR old.municipality_code IS NOT new.municipality_code OR old.organisation_id IS NOT new.organisation_id
  OR old.stage IS NOT new.stage OR old.status IS NOT new.status OR old.includes_evaluation IS NOT new.includes_evaluation
  OR old.requested_ore IS NOT new.requested_ore OR old.granted_ore IS NOT new.granted_ore OR old.target_areas IS NOT new.target_areas)
BEGIN
  INSERT INTO crosstab_area_summaries
  SELECT cuboid, call_id, municipality_code, area_type, applicant_type, stage, status, includes_evaluation,
         -sum(n), -sum(granted_n), -sum(requested), -sum(granted), -sum(paid), -sum(repaid)
    FROM (SELECT DISTINCT * FROM crosstab_area_rows WHERE application_id = old.id) GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
  ON CONFLICT DO UPDATE SET n = n + excluded.n, granted_n = granted_n + excluded.granted_n, requested = requested + excluded.requested,
    granted = granted + excluded.granted, paid = paid + excluded.paid, repaid = repaid + excluded.repaid;
  DELETE FROM crosstab_area_summaries WHERE n = 0
     AND (cuboid, call_id, municipality_code, area_type, applicant_type, stage, status, includes_evaluation) IN
         (SELECT cuboid, call_id, municipality_code, area_type, applicant_type, stage, status, includes_evaluation FROM crosstab_area_rows WHERE application_id = old.id);
END;
CREATE TRIGGER crosstab_area_applications_update_in_plain
AFTER UPDATE OF call_id, municipality_code, organisation_id, stage, status, includes_evaluation, requested_ore, granted_ore, target_areas ON applications
WHEN new.target_areas = '' AND (old.call_id IS NOT new.call_id OR old.municipality_code IS NOT new.municipality_code OR old.organisation_id IS NOT new.organisation_id
  OR old.stage IS NOT new.stage OR old.status IS NOT new.status OR old.includes_evaluation IS NOT new.includes_evaluation
  OR old.requested_ore IS NOT new.requested_ore OR old.granted_ore IS NOT new.granted_ore OR old.target_areas IS NOT new.target_areas)
BEGIN
  INSERT INTO crosstab_area_summaries
  SELECT cuboid, call_id, municipality_code, 0, applicant_type, stage, status, includes_evaluation, n, granted_n, requested, granted, paid, repaid
    FROM crosstab_application_rows WHERE application_id = new.id
  ON CONFLICT DO UPDATE SET n = n + excluded.n, granted_n = granted_n + excluded.granted_n, requested = requested + excluded.requested,
    granted = granted + excluded.granted, paid = paid + excluded.paid, repaid = repaid + excluded.repaid;
END;
CREATE TRIGGER crosstab_area_applications_update_in_areas
AFTER UPDATE OF call_id, municipality_code, organisation_id, stage, status, includes_evaluation, requested_ore, granted_ore, target_areas ON applications
WHEN new.target_areas <> '' AND (old.call_id IS NOT new.call_id OR old.municipality_code IS NOT new.municipality_code OR old.organisation_id IS NOT new.organisation_id
  OR old.stage IS NOT new.stage OR old.status IS NOT new.status OR old.includes_evaluation IS NOT new.includes_evaluation
  OR old.requested_ore IS NOT new.requested_ore OR old.granted_ore IS NOT new.granted_ore OR old.target_areas IS NOT new.target_areas)
BEGIN
  INSERT INTO crosstab_area_summaries
  SELECT cuboid, call_id, municipality_code, area_type, applicant_type, stage, status, includes_evaluation,
         sum(n), sum(granted_n), sum(requested), sum(granted), sum(paid), sum(repaid)
    FROM (SELECT DISTINCT * FROM crosstab_area_rows WHERE application_id = new.id) GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
  ON CONFLICT DO UPDATE SET n = n + excluded.n, granted_n = granted_n + excluded.granted_n, requested = requested + excluded.requested,
    granted = granted + excluded.granted, paid = paid + excluded.paid, repaid = repaid + excluded.repaid;
END;

CREATE TRIGGER crosstab_area_organisations_type_out BEFORE UPDATE OF type ON organisations WHEN old.type IS NOT new.type BEGIN
  INSERT INTO crosstab_area_summaries
  SELECT cuboid, call_id, municipality_code, area_type, applicant_type, stage, status, includes_evaluation,
         -sum(n), -sum(granted_n), -sum(requested), -sum(granted), -sum(paid), -sum(repaid)
    FROM (SELECT DISTINCT * FROM crosstab_area_rows WHERE organisation_id = old.id) GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
  ON CONFLICT DO UPDATE SET n = n + excluded.n, granted_n = granted_n + excluded.granted_n, requested = requested + excluded.requested,
    granted = granted + excluded.granted, paid = paid + excluded.paid, repaid = repaid + excluded.repaid;
  DELETE FROM crosstab_area_summaries WHERE n = 0
     AND (cuboid, call_id, municipality_code, area_type, applicant_type, stage, status, includes_evaluation) IN
         (SELECT cuboid, call_id, municipality_code, area_type, applicant_type, stage, status, includes_evaluation FROM crosstab_area_rows WHERE organisation_id = old.id);
END;
CREATE TRIGGER crosstab_area_organisations_type_in AFTER UPDATE OF type ON organisations WHEN old.type IS NOT new.type BEGIN
  INSERT INTO crosstab_area_summaries
  SELECT cuboid, call_id, municipality_code, area_type, applicant_type, stage, status, includes_evaluation,
         sum(n), sum(granted_n), sum(requested), sum(granted), sum(paid), sum(repaid)
    FROM (SELECT DISTINCT * FROM crosstab_area_rows WHERE organisation_id = new.id) GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
  ON CONFLICT DO UPDATE SET n = n + excluded.n, granted_n = granted_n + excluded.granted_n, requested = requested + excluded.requested,
    granted = granted + excluded.granted, paid = paid + excluded.paid, repaid = repaid + excluded.repaid;
END;

-- Payments count in every group of the application their decision is under, once per area type.
CREATE TRIGGER crosstab_area_payments_insert AFTER INSERT ON payments BEGIN
  INSERT INTO crosstab_area_summaries
  SELECT DISTINCT cuboid, call_id, municipality_code, area_type, applicant_type, stage, status, includes_evaluation, 0, 0, 0, 0,
         CASE new.kind WHEN 'payment' THEN new.amount_ore ELSE 0 END, CASE new.kind WHEN 'repayment' THEN new.amount_ore ELSE 0 END
    FROM crosstab_area_rows WHERE application_id = (SELECT application_id FROM decisions WHERE id = new.decision_id)
  ON CONFLICT DO UPDATE SET paid = paid + excluded.paid, repaid = repaid + excluded.repaid;
END;
CREATE TRIGGER crosstab_area_payments_delete AFTER DELETE ON payments BEGIN
  INSERT INTO crosstab_area_summaries
  SELECT DISTINCT cuboid, call_id, municipality_code, area_type, applicant_type, stage, status, includes_evaluation, 0, 0, 0, 0,
         CASE old.kind WHEN 'payment' THEN -old.amount_ore ELSE 0 END, CASE old.kind WHEN 'repayment' THEN -old.amount_ore ELSE 0 END
    FROM crosstab_area_rows WHERE application_id = (SELECT application_id FROM decisions WHERE id = old.decision_id)
  ON CONFLICT DO UPDATE SET paid = paid + excluded.paid, repaid = repaid + excluded.repaid;
END;
CREATE TRIGGER crosstab_area_payments_update AFTER UPDATE OF decision_id, kind, amount_ore ON payments BEGIN
  INSERT INTO crosstab_area_summaries
  SELECT DISTINCT cuboid, call_id, municipality_code, area_type, applicant_type, stage, status, includes_evaluation, 0, 0, 0, 0,
         CASE old.kind WHEN 'payment' THEN -old.amount_ore ELSE 0 END, CASE old.kind WHEN 'repayment' THEN -old.amount_ore ELSE 0 END
    FROM crosstab_area_rows WHERE application_id = (SELECT application_id FROM decisions WHERE id = old.decision_id)
  ON CONFLICT DO UPDATE SET paid = paid + excluded.paid, repaid = repaid + excluded.repaid;
  INSERT INTO crosstab_area_summaries
  SELECT DISTINCT cuboid, call_id, municipality_code, area_type, applicant_type, stage, status, includes_evaluation, 0, 0, 0, 0,
         CASE new.kind WHEN 'payment' THEN new.amount_ore ELSE 0 END, CASE new.kind WHEN 'repayment' THEN new.amount_ore ELSE 0 END
    FROM crosstab_area_rows WHERE application_id = (SELECT application_id FROM decisions WHERE id = new.decision_id)
  ON CONFLICT DO UPDATE SET paid = paid + excluded.paid, repaid = repaid + excluded.repaid;
END;

-- A decision's payments leave with it (before the delete, while they can still be found) and move
-- with it to another application; its granted amount moves through 0002's triggers.
CREATE TRIGGER crosstab_area_decisions_delete BEFORE DELETE ON decisions BEGIN
  INSERT INTO crosstab_area_summaries
  SELECT DISTINCT cuboid, call_id, municipality_code, area_type, applicant_type, stage, status, includes_evaluation, 0, 0, 0, 0,
         -(SELECT coalesce(sum(amount_ore), 0) FROM payments WHERE decision_id = old.id AND kind = 'payment'),
         -(SELECT coalesce(sum(amount_ore), 0) FROM payments WHERE decision_id = old.id AND kind = 'repayment')
    FROM crosstab_area_rows WHERE application_id = old.application_id
  ON CONFLICT DO UPDATE SET paid = paid + excluded.paid, repaid = repaid + excluded.repaid;
END;
CREATE TRIGGER crosstab_area_decisions_move_out BEFORE UPDATE OF application_id ON decisions WHEN old.application_id IS NOT new.application_id BEGIN
  INSERT INTO crosstab_area_summaries
  SELECT DISTINCT cuboid, call_id, municipality_code, area_type, applicant_type, stage, status, includes_evaluation, 0, 0, 0, 0,
         -(SELECT coalesce(sum(amount_ore), 0) FROM payments WHERE decision_id = old.id AND kind = 'payment'),
         -(SELECT coalesce(sum(amount_ore), 0) FROM payments WHERE decision_id = old.id AND kind = 'repayment')
    FROM crosstab_area_rows WHERE application_id = old.application_id
  ON CONFLICT DO UPDATE SET paid = paid + excluded.paid, repaid = repaid + excluded.repaid;
END;
CREATE TRIGGER crosstab_area_decisions_move_in AFTER UPDATE OF application_id ON decisions WHEN old.application_id IS NOT new.application_id BEGIN
  INSERT INTO crosstab_area_summaries
  SELECT DISTINCT cuboid, call_id, municipality_code, area_type, applicant_type, stage, status, includes_evaluation, 0, 0, 0, 0,
         (SELECT coalesce(sum(amount_ore), 0) FROM payments WHERE decision_id = new.id AND kind = 'payment'),
         (SELECT coalesce(sum(amount_ore), 0) FROM payments WHERE decision_id = new.id AND kind = 'repayment')
    FROM crosstab_area_rows WHERE application_id = new.application_id
  ON CONFLICT DO UPDATE SET paid = paid + excluded.paid, repaid = repaid + excluded.repaid;
END;

-- A RegSO classified anew, added, or moved changes the types of the applications of its
-- municipality that name its code: they move out before and in after. (instr finds every application
-- that names it, and a few that only name a longer code containing it; those move out and in
-- unchanged.) An upsert fires BEFORE INSERT and then, on its conflict, the UPDATE triggers and not
-- AFTER INSERT: the insert's move out is only for a row that is new. An areas import moves its
-- municipalities once instead (writeAreasThenSummarise).
CREATE TRIGGER crosstab_area_types_out BEFORE INSERT ON area_types
WHEN NOT EXISTS (SELECT 1 FROM area_types WHERE area_code = new.area_code AND year = new.year) BEGIN
  INSERT INTO crosstab_area_summaries
  SELECT cuboid, call_id, municipality_code, area_type, applicant_type, stage, status, includes_evaluation,
         -sum(n), -sum(granted_n), -sum(requested), -sum(granted), -sum(paid), -sum(repaid)
    FROM (SELECT DISTINCT * FROM crosstab_area_rows WHERE place = (SELECT municipality_code FROM stat_areas WHERE code = new.area_code)
            AND instr(target_areas, new.area_code) > 0) GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
  ON CONFLICT DO UPDATE SET n = n + excluded.n, granted_n = granted_n + excluded.granted_n, requested = requested + excluded.requested,
    granted = granted + excluded.granted, paid = paid + excluded.paid, repaid = repaid + excluded.repaid;
END;
CREATE TRIGGER crosstab_area_types_in AFTER INSERT ON area_types BEGIN
  INSERT INTO crosstab_area_summaries
  SELECT cuboid, call_id, municipality_code, area_type, applicant_type, stage, status, includes_evaluation,
         sum(n), sum(granted_n), sum(requested), sum(granted), sum(paid), sum(repaid)
    FROM (SELECT DISTINCT * FROM crosstab_area_rows WHERE place = (SELECT municipality_code FROM stat_areas WHERE code = new.area_code)
            AND instr(target_areas, new.area_code) > 0) GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
  ON CONFLICT DO UPDATE SET n = n + excluded.n, granted_n = granted_n + excluded.granted_n, requested = requested + excluded.requested,
    granted = granted + excluded.granted, paid = paid + excluded.paid, repaid = repaid + excluded.repaid;
  DELETE FROM crosstab_area_summaries WHERE n = 0;
END;
CREATE TRIGGER crosstab_area_types_update_out BEFORE UPDATE ON area_types BEGIN
  INSERT INTO crosstab_area_summaries
  SELECT cuboid, call_id, municipality_code, area_type, applicant_type, stage, status, includes_evaluation,
         -sum(n), -sum(granted_n), -sum(requested), -sum(granted), -sum(paid), -sum(repaid)
    FROM (SELECT DISTINCT * FROM crosstab_area_rows WHERE place IN (SELECT municipality_code FROM stat_areas WHERE code IN (old.area_code, new.area_code))
            AND (instr(target_areas, old.area_code) > 0 OR instr(target_areas, new.area_code) > 0)) GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
  ON CONFLICT DO UPDATE SET n = n + excluded.n, granted_n = granted_n + excluded.granted_n, requested = requested + excluded.requested,
    granted = granted + excluded.granted, paid = paid + excluded.paid, repaid = repaid + excluded.repaid;
END;
CREATE TRIGGER crosstab_area_types_update_in AFTER UPDATE ON area_types BEGIN
  INSERT INTO crosstab_area_summaries
  SELECT cuboid, call_id, municipality_code, area_type, applicant_type, stage, status, includes_evaluation,
         sum(n), sum(granted_n), sum(requested), sum(granted), sum(paid), sum(repaid)
    FROM (SELECT DISTINCT * FROM crosstab_area_rows WHERE place IN (SELECT municipality_code FROM stat_areas WHERE code IN (old.area_code, new.area_code))
            AND (instr(target_areas, old.area_code) > 0 OR instr(target_areas, new.area_code) > 0)) GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
  ON CONFLICT DO UPDATE SET n = n + excluded.n, granted_n = granted_n + excluded.granted_n, requested = requested + excluded.requested,
    granted = granted + excluded.granted, paid = paid + excluded.paid, repaid = repaid + excluded.repaid;
  DELETE FROM crosstab_area_summaries WHERE n = 0;
END;
CREATE TRIGGER crosstab_area_types_delete_out BEFORE DELETE ON area_types BEGIN
  INSERT INTO crosstab_area_summaries
  SELECT cuboid, call_id, municipality_code, area_type, applicant_type, stage, status, includes_evaluation,
         -sum(n), -sum(granted_n), -sum(requested), -sum(granted), -sum(paid), -sum(repaid)
    FROM (SELECT DISTINCT * FROM crosstab_area_rows WHERE place = (SELECT municipality_code FROM stat_areas WHERE code = old.area_code)
            AND instr(target_areas, old.area_code) > 0) GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
  ON CONFLICT DO UPDATE SET n = n + excluded.n, granted_n = granted_n + excluded.granted_n, requested = requested + excluded.requested,
    granted = granted + excluded.granted, paid = paid + excluded.paid, repaid = repaid + excluded.repaid;
END;
CREATE TRIGGER crosstab_area_types_delete_in AFTER DELETE ON area_types BEGIN
  INSERT INTO crosstab_area_summaries
  SELECT cuboid, call_id, municipality_code, area_type, applicant_type, stage, status, includes_evaluation,
         sum(n), sum(granted_n), sum(requested), sum(granted), sum(paid), sum(repaid)
    FROM (SELECT DISTINCT * FROM crosstab_area_rows WHERE place = (SELECT municipality_code FROM stat_areas WHERE code = old.area_code)
            AND instr(target_areas, old.area_code) > 0) GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
  ON CONFLICT DO UPDATE SET n = n + excluded.n, granted_n = granted_n + excluded.granted_n, requested = requested + excluded.requested,
    granted = granted + excluded.granted, paid = paid + excluded.paid, repaid = repaid + excluded.repaid;
  DELETE FROM crosstab_area_summaries WHERE n = 0;
END;

-- A RegSO that appears, goes, or changes kind or municipality: the same, for its code. Its name and
-- a DeSO's RegSO do not matter here.
CREATE TRIGGER crosstab_area_stat_areas_insert_out BEFORE INSERT ON stat_areas WHEN NOT EXISTS (SELECT 1 FROM stat_areas WHERE code = new.code) BEGIN
  INSERT INTO crosstab_area_summaries
  SELECT cuboid, call_id, municipality_code, area_type, applicant_type, stage, status, includes_evaluation,
         -sum(n), -sum(granted_n), -sum(requested), -sum(granted), -sum(paid), -sum(repaid)
    FROM (SELECT DISTINCT * FROM crosstab_area_rows WHERE place = new.municipality_code AND instr(target_areas, new.code) > 0) GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
  ON CONFLICT DO UPDATE SET n = n + excluded.n, granted_n = granted_n + excluded.granted_n, requested = requested + excluded.requested,
    granted = granted + excluded.granted, paid = paid + excluded.paid, repaid = repaid + excluded.repaid;
END;
CREATE TRIGGER crosstab_area_stat_areas_insert_in AFTER INSERT ON stat_areas BEGIN
  INSERT INTO crosstab_area_summaries
  SELECT cuboid, call_id, municipality_code, area_type, applicant_type, stage, status, includes_evaluation,
         sum(n), sum(granted_n), sum(requested), sum(granted), sum(paid), sum(repaid)
    FROM (SELECT DISTINCT * FROM crosstab_area_rows WHERE place = new.municipality_code AND instr(target_areas, new.code) > 0) GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
  ON CONFLICT DO UPDATE SET n = n + excluded.n, granted_n = granted_n + excluded.granted_n, requested = requested + excluded.requested,
    granted = granted + excluded.granted, paid = paid + excluded.paid, repaid = repaid + excluded.repaid;
  DELETE FROM crosstab_area_summaries WHERE n = 0;
END;
CREATE TRIGGER crosstab_area_stat_areas_update_out BEFORE UPDATE OF code, kind, municipality_code ON stat_areas BEGIN
  INSERT INTO crosstab_area_summaries
  SELECT cuboid, call_id, municipality_code, area_type, applicant_type, stage, status, includes_evaluation,
         -sum(n), -sum(granted_n), -sum(requested), -sum(granted), -sum(paid), -sum(repaid)
    FROM (SELECT DISTINCT * FROM crosstab_area_rows WHERE place IN (old.municipality_code, new.municipality_code)
            AND (instr(target_areas, old.code) > 0 OR instr(target_areas, new.code) > 0)) GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
  ON CONFLICT DO UPDATE SET n = n + excluded.n, granted_n = granted_n + excluded.granted_n, requested = requested + excluded.requested,
    granted = granted + excluded.granted, paid = paid + excluded.paid, repaid = repaid + excluded.repaid;
END;
CREATE TRIGGER crosstab_area_stat_areas_update_in AFTER UPDATE OF code, kind, municipality_code ON stat_areas BEGIN
  INSERT INTO crosstab_area_summaries
  SELECT cuboid, call_id, municipality_code, area_type, applicant_type, stage, status, includes_evaluation,
         sum(n), sum(granted_n), sum(requested), sum(granted), sum(paid), sum(repaid)
    FROM (SELECT DISTINCT * FROM crosstab_area_rows WHERE place IN (old.municipality_code, new.municipality_code)
            AND (instr(target_areas, old.code) > 0 OR instr(target_areas, new.code) > 0)) GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
  ON CONFLICT DO UPDATE SET n = n + excluded.n, granted_n = granted_n + excluded.granted_n, requested = requested + excluded.requested,
    granted = granted + excluded.granted, paid = paid + excluded.paid, repaid = repaid + excluded.repaid;
  DELETE FROM crosstab_area_summaries WHERE n = 0;
END;
CREATE TRIGGER crosstab_area_stat_areas_delete_out BEFORE DELETE ON stat_areas BEGIN
  INSERT INTO crosstab_area_summaries
  SELECT cuboid, call_id, municipality_code, area_type, applicant_type, stage, status, includes_evaluation,
         -sum(n), -sum(granted_n), -sum(requested), -sum(granted), -sum(paid), -sum(repaid)
    FROM (SELECT DISTINCT * FROM crosstab_area_rows WHERE place = old.municipality_code AND instr(target_areas, old.code) > 0) GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
  ON CONFLICT DO UPDATE SET n = n + excluded.n, granted_n = granted_n + excluded.granted_n, requested = requested + excluded.requested,
    granted = granted + excluded.granted, paid = paid + excluded.paid, repaid = repaid + excluded.repaid;
END;
CREATE TRIGGER crosstab_area_stat_areas_delete_in AFTER DELETE ON stat_areas BEGIN
  INSERT INTO crosstab_area_summaries
  SELECT cuboid, call_id, municipality_code, area_type, applicant_type, stage, status, includes_evaluation,
         sum(n), sum(granted_n), sum(requested), sum(granted), sum(paid), sum(repaid)
    FROM (SELECT DISTINCT * FROM crosstab_area_rows WHERE place = old.municipality_code AND instr(target_areas, old.code) > 0) GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
  ON CONFLICT DO UPDATE SET n = n + excluded.n, granted_n = granted_n + excluded.granted_n, requested = requested + excluded.requested,
    granted = granted + excluded.granted, paid = paid + excluded.paid, repaid = repaid + excluded.repaid;
  DELETE FROM crosstab_area_summaries WHERE n = 0;
END;

-- The type in force depends on the call's year.
CREATE TRIGGER crosstab_area_calls_year_out BEFORE UPDATE OF year ON grant_calls WHEN old.year IS NOT new.year BEGIN
  INSERT INTO crosstab_area_summaries
  SELECT cuboid, call_id, municipality_code, area_type, applicant_type, stage, status, includes_evaluation,
         -sum(n), -sum(granted_n), -sum(requested), -sum(granted), -sum(paid), -sum(repaid)
    FROM (SELECT DISTINCT * FROM crosstab_area_rows WHERE call_id = old.id AND target_areas <> '') GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
  ON CONFLICT DO UPDATE SET n = n + excluded.n, granted_n = granted_n + excluded.granted_n, requested = requested + excluded.requested,
    granted = granted + excluded.granted, paid = paid + excluded.paid, repaid = repaid + excluded.repaid;
END;
CREATE TRIGGER crosstab_area_calls_year_in AFTER UPDATE OF year ON grant_calls WHEN old.year IS NOT new.year BEGIN
  INSERT INTO crosstab_area_summaries
  SELECT cuboid, call_id, municipality_code, area_type, applicant_type, stage, status, includes_evaluation,
         sum(n), sum(granted_n), sum(requested), sum(granted), sum(paid), sum(repaid)
    FROM (SELECT DISTINCT * FROM crosstab_area_rows WHERE call_id = new.id AND target_areas <> '') GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
  ON CONFLICT DO UPDATE SET n = n + excluded.n, granted_n = granted_n + excluded.granted_n, requested = requested + excluded.requested,
    granted = granted + excluded.granted, paid = paid + excluded.paid, repaid = repaid + excluded.repaid;
  DELETE FROM crosstab_area_summaries WHERE n = 0 AND call_id = new.id;
END;
