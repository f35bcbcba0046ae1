-- Cross-tabs of the register's dimensions over a million applications took seconds as a GROUP BY
-- of the applications (issue 11). The store keeps the sums those cross-tabs need, grouped in a few
-- "cuboids": every cuboid groups by call, and by the attributes its row in crosstab_cuboids names
-- (municipality, applicant type, stage, status, evaluation); the others are '*' (-1 for
-- evaluation). A cross-tab reads the smallest cuboid that has every attribute it needs: county by
-- year reads the call-by-municipality cuboid (a few thousand rows whatever the number of
-- applications), applicant type by stage the one without municipalities. Year, programme and
-- earmarking come through the call and the county through the municipality at query time; area
-- types need each application's target areas and are read from the applications.
--
-- Triggers keep every cuboid equal to a GROUP BY of crosstab_application_rows after every write.

CREATE TABLE crosstab_cuboids (
  id                INTEGER PRIMARY KEY,
  by_municipality   INTEGER NOT NULL CHECK (by_municipality IN (0, 1)),
  by_applicant_type INTEGER NOT NULL CHECK (by_applicant_type IN (0, 1)),
  by_stage          INTEGER NOT NULL CHECK (by_stage IN (0, 1)),
  by_status         INTEGER NOT NULL CHECK (by_status IN (0, 1)),
  by_evaluation     INTEGER NOT NULL CHECK (by_evaluation IN (0, 1))
) STRICT;
-- 7 answers which municipalities have a granted application with evaluation (indicator measures by
-- has_evaluation) without reading the applications.
INSERT INTO crosstab_cuboids VALUES (0, 1, 1, 1, 1, 1), (1, 1, 0, 0, 0, 0), (2, 1, 1, 0, 0, 0), (3, 1, 0, 1, 0, 0), (4, 1, 0, 0, 1, 0),
  (5, 1, 0, 0, 0, 1), (6, 0, 1, 1, 1, 1), (7, 1, 0, 0, 1, 1);

-- What each application adds to each cuboid: its group there (municipality '' for none) and its sums,
-- the granted amount being the one 0002's triggers keep on the application, paid and repaid what
-- went out and came back under its decisions.
CREATE VIEW crosstab_application_rows AS
SELECT a.id AS application_id, a.organisation_id, c.id AS cuboid, a.call_id,
       CASE WHEN c.by_municipality THEN coalesce(a.municipality_code, '') ELSE '*' END AS municipality_code,
       CASE WHEN c.by_applicant_type THEN o.type ELSE '*' END AS applicant_type,
       CASE WHEN c.by_stage THEN a.stage ELSE '*' END AS stage,
       CASE WHEN c.by_status THEN a.status ELSE '*' END AS status,
       CASE WHEN c.by_evaluation THEN a.includes_evaluation ELSE -1 END AS includes_evaluation,
       1 AS n, a.status IN ('granted', 'partly_granted') AS granted_n, a.requested_ore AS requested, a.granted_ore AS granted,
       (SELECT coalesce(sum(p.amount_ore), 0) FROM decisions d JOIN payments p ON p.decision_id = d.id WHERE d.application_id = a.id AND p.kind = 'payment') AS paid,
       (SELECT coalesce(sum(p.amount_ore), 0) FROM decisions d JOIN payments p ON p.decision_id = d.id WHERE d.application_id = a.id AND p.kind = 'repayment') AS repaid
  FROM applications a JOIN organisations o ON o.id = a.organisation_id CROSS JOIN crosstab_cuboids c;

CREATE TABLE crosstab_summaries (
  cuboid              INTEGER NOT NULL REFERENCES crosstab_cuboids (id),
  call_id             INTEGER NOT NULL,
  municipality_code   TEXT NOT NULL,
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
  PRIMARY KEY (cuboid, call_id, municipality_code, applicant_type, stage, status, includes_evaluation)
) STRICT, WITHOUT ROWID;

-- The store's register as it is: its finest groups once, each cuboid a roll-up of them (reading the
-- view would look up every application's payments once per cuboid).
INSERT INTO crosstab_summaries
WITH money AS (SELECT d.application_id,
                      sum(CASE p.kind WHEN 'payment' THEN p.amount_ore ELSE 0 END) AS paid,
                      sum(CASE p.kind WHEN 'repayment' THEN p.amount_ore ELSE 0 END) AS repaid
                 FROM payments p JOIN decisions d ON d.id = p.decision_id GROUP BY d.application_id),
     finest AS MATERIALIZED (
       SELECT a.call_id, coalesce(a.municipality_code, '') AS municipality_code, o.type AS applicant_type, a.stage, a.status, a.includes_evaluation,
              count(*) AS n, sum(a.status IN ('granted', 'partly_granted')) AS granted_n, sum(a.requested_ore) AS requested,
              sum(a.granted_ore) AS granted, coalesce(sum(m.paid), 0) AS paid, coalesce(sum(m.repaid), 0) AS repaid
         FROM applications a JOIN organisations o ON o.id = a.organisation_id LEFT JOIN money m ON m.application_id = a.id
        GROUP BY 1, 2, 3, 4, 5, 6)
SELECT c.id, f.call_id,
       CASE WHEN c.by_municipality THEN f.municipality_code ELSE '*' END,
       CASE WHEN c.by_applicant_type THEN f.applicant_type ELSE '*' END,
       CASE WHEN c.by_stage THEN f.stage ELSE '*' END,
       CASE WHEN c.by_status THEN f.status ELSE '*' END,
       CASE WHEN c.by_evaluation THEN f.includes_evaluation ELSE -1 END,
       sum(f.n), sum(f.granted_n), sum(f.requested), sum(f.granted), sum(f.paid), sum(f.repaid)
  FROM finest f CROSS JOIN crosstab_cuboids c
 GROUP BY 1, 2, 3, 4, 5, 6, 7;

-- An application joins its groups; payments come later, under its decisions.
CREATE TRIGGER crosstab_applications_insert AFTER INSERT ON applications BEGIN
  INSERT INTO crosstab_summaries
  SELECT cuboid, call_id, municipality_code, applicant_type, stage, status, includes_evaluation, n, granted_n, requested, granted, paid, repaid
    FROM crosstab_application_rows WHERE application_id = new.id
  ON CONFLICT DO UPDATE SET n = n + excluded.n, granted_n = granted_n + excluded.granted_n, requested = requested + excluded.requested,
    granted = granted + excluded.granted, paid = paid + excluded.paid, repaid = repaid + excluded.repaid;
END;

-- Leaving: before the row goes, while it and its payments can be read (the cascade's payment and
-- decision triggers then find no application and leave the summaries alone).
CREATE TRIGGER crosstab_applications_delete BEFORE DELETE ON applications BEGIN
  INSERT INTO crosstab_summaries
  SELECT cuboid, call_id, municipality_code, applicant_type, stage, status, includes_evaluation, -n, -granted_n, -requested, -granted, -paid, -repaid
    FROM crosstab_application_rows WHERE application_id = old.id
  ON CONFLICT DO UPDATE SET n = n + excluded.n, granted_n = granted_n + excluded.granted_n, requested = requested + excluded.requested,
    granted = granted + excluded.granted, paid = paid + excluded.paid, repaid = repaid + excluded.repaid;
  DELETE FROM crosstab_summaries WHERE n = 0
     AND (cuboid, call_id, municipality_code, applicant_type, stage, status, includes_evaluation) IN
         (SELECT cuboid, call_id, municipality_code, applicant_type, stage, status, includes_evaluation FROM crosstab_application_rows WHERE application_id = old.id);
END;

-- A change of group or amount: out of the old groups before the update, into the new ones after.
CREATE TRIGGER crosstab_applications_update_out
BEFORE UPDATE OF call_id, municipality_code, organisation_id, stage, status, includes_evaluation, requested_ore, granted_ore ON applications
WHEN old.call_id IS NOT new.call_id OR old.municipality_code IS NOT new.municipality_code OR old.organisation_id IS NOT new.organisation_id
  OR old.stage IS NOT new.stage OR old.status IS NOT new.status OR old.includes_evaluation IS NOT new.includes_evaluation
  OR old.requested_ore IS NOT new.requested_ore OR old.granted_ore IS NOT new.granted_ore
BEGIN
  INSERT INTO crosstab_summaries
  SELECT cuboid, call_id, municipality_code, applicant_type, stage, status, includes_evaluation, -n, -granted_n, -requested, -granted, -paid, -repaid
    FROM crosstab_application_rows WHERE application_id = old.id
  ON CONFLICT DO UPDATE SET n = n + excluded.n, granted_n = granted_n + excluded.granted_n, requested = requested + excluded.requested,
    granted = granted + excluded.granted, paid = paid + excluded.paid, repaid = repaid + excluded.repaid;
  DELETE FROM crosstab_summaries WHERE n = 0
     AND (cuboid, call_id, municipality_code, applicant_type, stage, status, includes_evaluation) IN
         (SELECT cuboid, call_id, municipality_code, applicant_type, stage, status, includes_evaluation FROM crosstab_application_rows WHERE application_id = old.id);
END;
CREATE TRIGGER crosstab_applications_update_in
AFTER UPDATE OF call_id, municipality_code, organisation_id, stage, status, includes_evaluation, requested_ore, granted_ore ON applications
WHEN old.call_id IS NOT new.call_id OR old.municipality_code IS NOT new.municipality_code OR old.organisation_id IS NOT new.organisation_id
  OR old.stage IS NOT new.stage OR old.status IS NOT new.status OR old.includes_evaluation IS NOT new.includes_evaluation
  OR old.requested_ore IS NOT new.requested_ore OR old.granted_ore IS NOT new.granted_ore
BEGIN
  INSERT INTO crosstab_summaries
  SELECT cuboid, call_id, municipality_code, applicant_type, stage, status, includes_evaluation, n, granted_n, requested, granted, paid, repaid
    FROM crosstab_application_rows WHERE application_id = new.id
  ON CONFLICT DO UPDATE SET n = n + excluded.n, granted_n = granted_n + excluded.granted_n, requested = requested + excluded.requested,
    granted = granted + excluded.granted, paid = paid + excluded.paid, repaid = repaid + excluded.repaid;
END;

-- An organisation that changes type takes its applications to the groups of the new type.
CREATE TRIGGER crosstab_organisations_type_out BEFORE UPDATE OF type ON organisations WHEN old.type IS NOT new.type BEGIN
  INSERT INTO crosstab_summaries
  SELECT cuboid, call_id, municipality_code, applicant_type, stage, status, includes_evaluation,
         -sum(n), -sum(granted_n), -sum(requested), -sum(granted), -sum(paid), -sum(repaid)
    FROM crosstab_application_rows WHERE organisation_id = old.id GROUP BY 1, 2, 3, 4, 5, 6, 7
  ON CONFLICT DO UPDATE SET n = n + excluded.n, granted_n = granted_n + excluded.granted_n, requested = requested + excluded.requested,
    granted = granted + excluded.granted, paid = paid + excluded.paid, repaid = repaid + excluded.repaid;
  DELETE FROM crosstab_summaries WHERE n = 0
     AND (cuboid, call_id, municipality_code, applicant_type, stage, status, includes_evaluation) IN
         (SELECT cuboid, call_id, municipality_code, applicant_type, stage, status, includes_evaluation FROM crosstab_application_rows WHERE organisation_id = old.id);
END;
CREATE TRIGGER crosstab_organisations_type_in AFTER UPDATE OF type ON organisations WHEN old.type IS NOT new.type BEGIN
  INSERT INTO crosstab_summaries
  SELECT cuboid, call_id, municipality_code, applicant_type, stage, status, includes_evaluation,
         sum(n), sum(granted_n), sum(requested), sum(granted), sum(paid), sum(repaid)
    FROM crosstab_application_rows WHERE organisation_id = new.id GROUP BY 1, 2, 3, 4, 5, 6, 7
  ON CONFLICT DO UPDATE SET n = n + excluded.n, granted_n = granted_n + excluded.granted_n, requested = requested + excluded.requested,
    granted = granted + excluded.granted, paid = paid + excluded.paid, repaid = repaid + excluded.repaid;
END;

-- Payments count in the groups of the application their decision is under. One deleted with its
-- decision or application finds neither: their own triggers took it out before.
CREATE TRIGGER crosstab_payments_insert AFTER INSERT ON payments BEGIN
  INSERT INTO crosstab_summaries
  SELECT cuboid, call_id, municipality_code, applicant_type, stage, status, includes_evaluation, 0, 0, 0, 0,
         CASE new.kind WHEN 'payment' THEN new.amount_ore ELSE 0 END, CASE new.kind WHEN 'repayment' THEN new.amount_ore ELSE 0 END
    FROM crosstab_application_rows WHERE application_id = (SELECT application_id FROM decisions WHERE id = new.decision_id)
  ON CONFLICT DO UPDATE SET paid = paid + excluded.paid, repaid = repaid + excluded.repaid;
END;
CREATE TRIGGER crosstab_payments_delete AFTER DELETE ON payments BEGIN
  INSERT INTO crosstab_summaries
  SELECT cuboid, call_id, municipality_code, applicant_type, stage, status, includes_evaluation, 0, 0, 0, 0,
         CASE old.kind WHEN 'payment' THEN -old.amount_ore ELSE 0 END, CASE old.kind WHEN 'repayment' THEN -old.amount_ore ELSE 0 END
    FROM crosstab_application_rows WHERE application_id = (SELECT application_id FROM decisions WHERE id = old.decision_id)
  ON CONFLICT DO UPDATE SET paid = paid + excluded.paid, repaid = repaid + excluded.repaid;
END;
CREATE TRIGGER crosstab_payments_update AFTER UPDATE OF decision_id, kind, amount_ore ON payments BEGIN
  INSERT INTO crosstab_summaries
  SELECT cuboid, call_id, municipality_code, applicant_type, stage, status, includes_evaluation, 0, 0, 0, 0,
         CASE old.kind WHEN 'payment' THEN -old.amount_ore ELSE 0 END, CASE old.kind WHEN 'repayment' THEN -old.amount_ore ELSE 0 END
    FROM crosstab_application_rows WHERE application_id = (SELECT application_id FROM decisions WHERE id = old.decision_id)
  ON CONFLICT DO UPDATE SET paid = paid + excluded.paid, repaid = repaid + excluded.repaid;
  INSERT INTO crosstab_summaries
  SELECT cuboid, call_id, municipality_code, applicant_type, stage, status, includes_evaluation, 0, 0, 0, 0,
         CASE new.kind WHEN 'payment' THEN new.amount_ore ELSE 0 END, CASE new.kind WHEN 'repayment' THEN new.amount_ore ELSE 0 END
    FROM crosstab_application_rows WHERE application_id = (SELECT application_id FROM decisions WHERE id = new.decision_id)
  ON CONFLICT DO UPDATE SET paid = paid + excluded.paid, repaid = repaid + excluded.repaid;
END;

-- A decision's payments leave with it (before the delete, while they can still be found) and move
-- with it to another application; its granted amount moves through 0002's triggers.
CREATE TRIGGER crosstab_decisions_delete BEFORE DELETE ON decisions BEGIN
  INSERT INTO crosstab_summaries
  SELECT cuboid, call_id, municipality_code, applicant_type, stage, status, includes_evaluation, 0, 0, 0, 0,
         -(SELECT coalesce(sum(amount_ore), 0) FROM payments WHERE decision_id = old.id AND kind = 'payment'),
         -(SELECT coalesce(sum(amount_ore), 0) FROM payments WHERE decision_id = old.id AND kind = 'repayment')
    FROM crosstab_application_rows WHERE application_id = old.application_id
  ON CONFLICT DO UPDATE SET paid = paid + excluded.paid, repaid = repaid + excluded.repaid;
END;
CREATE TRIGGER crosstab_decisions_move_out BEFORE UPDATE OF application_id ON decisions WHEN old.application_id IS NOT new.application_id BEGIN
  INSERT INTO crosstab_summaries
  SELECT cuboid, call_id, municipality_code, applicant_type, stage, status, includes_evaluation, 0, 0, 0, 0,
         -(SELECT coalesce(sum(amount_ore), 0) FROM payments WHERE decision_id = old.id AND kind = 'payment'),
         -(SELECT coalesce(sum(amount_ore), 0) FROM payments WHERE decision_id = old.id AND kind = 'repayment')
    FROM crosstab_application_rows WHERE application_id = old.application_id
  ON CONFLICT DO UPDATE SET paid = paid + excluded.paid, repaid = repaid + excluded.repaid;
END;
CREATE TRIGGER crosstab_decisions_move_in AFTER UPDATE OF application_id ON decisions WHEN old.application_id IS NOT new.application_id BEGIN
  INSERT INTO crosstab_summaries
  SELECT cuboid, call_id, municipality_code, applicant_type, stage, status, includes_evaluation, 0, 0, 0, 0,
         (SELECT coalesce(sum(amount_ore), 0) FROM payments WHERE decision_id = new.id AND kind = 'payment'),
         (SELECT coalesce(sum(amount_ore), 0) FROM payments WHERE decision_id = new.id AND kind = 'repayment')
    FROM crosstab_application_rows WHERE application_id = new.application_id
  ON CONFLICT DO UPDATE SET paid = paid + excluded.paid, repaid = repaid + excluded.repaid;
END;
