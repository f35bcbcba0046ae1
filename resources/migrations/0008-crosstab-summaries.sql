-- Cross-tabs of the register's dimensions over a million applications took seconds as a GROUP BY
-- of the applications (issue 11). The store keeps the sums those cross-tabs need at the grain of
-- the register's own dimensions, so a cross-tab groups a few thousand summary rows instead. Year,
-- programme and earmarking come through the call, the county through the municipality, at query
-- time; area types need each application's target areas and are read from the applications.
--
-- Triggers keep the summaries exact after every write: an application's row counts once in the
-- group of its call, municipality ('' for none), organisation's type, stage, status and evaluation
-- flag, with its requested and granted amounts (granted kept on the application by 0002's
-- triggers) and what was paid and repaid under its decisions.

CREATE TABLE crosstab_summaries (
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
  PRIMARY KEY (call_id, municipality_code, applicant_type, stage, status, includes_evaluation)
) STRICT, WITHOUT ROWID;

INSERT INTO crosstab_summaries
SELECT a.call_id, coalesce(a.municipality_code, ''), o.type, a.stage, a.status, a.includes_evaluation,
       count(*), sum(a.status IN ('granted', 'partly_granted')), sum(a.requested_ore), sum(a.granted_ore),
       coalesce(sum(m.paid), 0), coalesce(sum(m.repaid), 0)
  FROM applications a
  JOIN organisations o ON o.id = a.organisation_id
  LEFT JOIN (SELECT d.application_id,
                    sum(CASE p.kind WHEN 'payment' THEN p.amount_ore ELSE 0 END) AS paid,
                    sum(CASE p.kind WHEN 'repayment' THEN p.amount_ore ELSE 0 END) AS repaid
               FROM payments p JOIN decisions d ON d.id = p.decision_id GROUP BY d.application_id) m ON m.application_id = a.id
 GROUP BY 1, 2, 3, 4, 5, 6;

-- An application joins its group; payments come later, under its decisions.
CREATE TRIGGER crosstab_applications_insert AFTER INSERT ON applications BEGIN
  INSERT INTO crosstab_summaries
  SELECT new.call_id, coalesce(new.municipality_code, ''), o.type, new.stage, new.status, new.includes_evaluation,
         1, new.status IN ('granted', 'partly_granted'), new.requested_ore, new.granted_ore, 0, 0
    FROM organisations o WHERE o.id = new.organisation_id
  ON CONFLICT DO UPDATE SET n = n + excluded.n, granted_n = granted_n + excluded.granted_n, requested = requested + excluded.requested,
    granted = granted + excluded.granted;
END;

-- Before the delete, while its payments are still there to subtract (the cascade then finds no
-- application and leaves the summaries alone).
CREATE TRIGGER crosstab_applications_delete BEFORE DELETE ON applications BEGIN
  UPDATE crosstab_summaries SET n = n - 1, granted_n = granted_n - (old.status IN ('granted', 'partly_granted')),
    requested = requested - old.requested_ore, granted = granted - old.granted_ore,
    paid = paid - (SELECT coalesce(sum(p.amount_ore), 0) FROM decisions d JOIN payments p ON p.decision_id = d.id WHERE d.application_id = old.id AND p.kind = 'payment'),
    repaid = repaid - (SELECT coalesce(sum(p.amount_ore), 0) FROM decisions d JOIN payments p ON p.decision_id = d.id WHERE d.application_id = old.id AND p.kind = 'repayment')
   WHERE call_id = old.call_id AND municipality_code = coalesce(old.municipality_code, '') AND stage = old.stage AND status = old.status
     AND includes_evaluation = old.includes_evaluation AND applicant_type = (SELECT type FROM organisations WHERE id = old.organisation_id);
  DELETE FROM crosstab_summaries
   WHERE call_id = old.call_id AND municipality_code = coalesce(old.municipality_code, '') AND stage = old.stage AND status = old.status
     AND includes_evaluation = old.includes_evaluation AND applicant_type = (SELECT type FROM organisations WHERE id = old.organisation_id) AND n = 0;
END;

-- A change of group or amount moves the whole application: out of the old group, into the new.
CREATE TRIGGER crosstab_applications_update
AFTER UPDATE OF call_id, municipality_code, organisation_id, stage, status, includes_evaluation, requested_ore, granted_ore ON applications
WHEN old.call_id IS NOT new.call_id OR old.municipality_code IS NOT new.municipality_code OR old.organisation_id IS NOT new.organisation_id
  OR old.stage IS NOT new.stage OR old.status IS NOT new.status OR old.includes_evaluation IS NOT new.includes_evaluation
  OR old.requested_ore IS NOT new.requested_ore OR old.granted_ore IS NOT new.granted_ore
BEGIN
  UPDATE crosstab_summaries SET n = n - 1, granted_n = granted_n - (old.status IN ('granted', 'partly_granted')),
    requested = requested - old.requested_ore, granted = granted - old.granted_ore,
    paid = paid - (SELECT coalesce(sum(p.amount_ore), 0) FROM decisions d JOIN payments p ON p.decision_id = d.id WHERE d.application_id = old.id AND p.kind = 'payment'),
    repaid = repaid - (SELECT coalesce(sum(p.amount_ore), 0) FROM decisions d JOIN payments p ON p.decision_id = d.id WHERE d.application_id = old.id AND p.kind = 'repayment')
   WHERE call_id = old.call_id AND municipality_code = coalesce(old.municipality_code, '') AND stage = old.stage AND status = old.status
     AND includes_evaluation = old.includes_evaluation AND applicant_type = (SELECT type FROM organisations WHERE id = old.organisation_id);
  DELETE FROM crosstab_summaries
   WHERE call_id = old.call_id AND municipality_code = coalesce(old.municipality_code, '') AND stage = old.stage AND status = old.status
     AND includes_evaluation = old.includes_evaluation AND applicant_type = (SELECT type FROM organisations WHERE id = old.organisation_id) AND n = 0;
  INSERT INTO crosstab_summaries
  SELECT new.call_id, coalesce(new.municipality_code, ''), o.type, new.stage, new.status, new.includes_evaluation,
         1, new.status IN ('granted', 'partly_granted'), new.requested_ore, new.granted_ore,
         (SELECT coalesce(sum(p.amount_ore), 0) FROM decisions d JOIN payments p ON p.decision_id = d.id WHERE d.application_id = new.id AND p.kind = 'payment'),
         (SELECT coalesce(sum(p.amount_ore), 0) FROM decisions d JOIN payments p ON p.decision_id = d.id WHERE d.application_id = new.id AND p.kind = 'repayment')
    FROM organisations o WHERE o.id = new.organisation_id
  ON CONFLICT DO UPDATE SET n = n + excluded.n, granted_n = granted_n + excluded.granted_n, requested = requested + excluded.requested,
    granted = granted + excluded.granted, paid = paid + excluded.paid, repaid = repaid + excluded.repaid;
END;

-- An organisation that changes type takes its applications to the groups of the new type.
CREATE TRIGGER crosstab_organisations_type AFTER UPDATE OF type ON organisations WHEN old.type IS NOT new.type BEGIN
  INSERT INTO crosstab_summaries
  SELECT a.call_id, coalesce(a.municipality_code, ''), t.type, a.stage, a.status, a.includes_evaluation,
         t.sign * count(*), t.sign * sum(a.status IN ('granted', 'partly_granted')), t.sign * sum(a.requested_ore), t.sign * sum(a.granted_ore),
         t.sign * coalesce(sum((SELECT sum(p.amount_ore) FROM decisions d JOIN payments p ON p.decision_id = d.id WHERE d.application_id = a.id AND p.kind = 'payment')), 0),
         t.sign * coalesce(sum((SELECT sum(p.amount_ore) FROM decisions d JOIN payments p ON p.decision_id = d.id WHERE d.application_id = a.id AND p.kind = 'repayment')), 0)
    FROM applications a JOIN (SELECT old.type AS type, -1 AS sign UNION ALL SELECT new.type, 1) t
   WHERE a.organisation_id = new.id
   GROUP BY 1, 2, 3, 4, 5, 6
  ON CONFLICT DO UPDATE SET n = n + excluded.n, granted_n = granted_n + excluded.granted_n, requested = requested + excluded.requested,
    granted = granted + excluded.granted, paid = paid + excluded.paid, repaid = repaid + excluded.repaid;
  DELETE FROM crosstab_summaries WHERE applicant_type = old.type AND n = 0;
END;

-- Payments count in the group of the application their decision is under. The deltas are applied
-- through the application's row so each statement names the group once.
CREATE TRIGGER crosstab_payments_insert AFTER INSERT ON payments BEGIN
  UPDATE crosstab_summaries
     SET paid = paid + CASE new.kind WHEN 'payment' THEN new.amount_ore ELSE 0 END,
         repaid = repaid + CASE new.kind WHEN 'repayment' THEN new.amount_ore ELSE 0 END
   WHERE (call_id, municipality_code, applicant_type, stage, status, includes_evaluation) =
         (SELECT a.call_id, coalesce(a.municipality_code, ''), o.type, a.stage, a.status, a.includes_evaluation
            FROM decisions d JOIN applications a ON a.id = d.application_id JOIN organisations o ON o.id = a.organisation_id
           WHERE d.id = new.decision_id);
END;

-- A payment deleted with its decision or application finds neither: their own triggers took it out.
CREATE TRIGGER crosstab_payments_delete AFTER DELETE ON payments BEGIN
  UPDATE crosstab_summaries
     SET paid = paid - CASE old.kind WHEN 'payment' THEN old.amount_ore ELSE 0 END,
         repaid = repaid - CASE old.kind WHEN 'repayment' THEN old.amount_ore ELSE 0 END
   WHERE (call_id, municipality_code, applicant_type, stage, status, includes_evaluation) =
         (SELECT a.call_id, coalesce(a.municipality_code, ''), o.type, a.stage, a.status, a.includes_evaluation
            FROM decisions d JOIN applications a ON a.id = d.application_id JOIN organisations o ON o.id = a.organisation_id
           WHERE d.id = old.decision_id);
END;

CREATE TRIGGER crosstab_payments_update AFTER UPDATE OF decision_id, kind, amount_ore ON payments BEGIN
  UPDATE crosstab_summaries
     SET paid = paid - CASE old.kind WHEN 'payment' THEN old.amount_ore ELSE 0 END,
         repaid = repaid - CASE old.kind WHEN 'repayment' THEN old.amount_ore ELSE 0 END
   WHERE (call_id, municipality_code, applicant_type, stage, status, includes_evaluation) =
         (SELECT a.call_id, coalesce(a.municipality_code, ''), o.type, a.stage, a.status, a.includes_evaluation
            FROM decisions d JOIN applications a ON a.id = d.application_id JOIN organisations o ON o.id = a.organisation_id
           WHERE d.id = old.decision_id);
  UPDATE crosstab_summaries
     SET paid = paid + CASE new.kind WHEN 'payment' THEN new.amount_ore ELSE 0 END,
         repaid = repaid + CASE new.kind WHEN 'repayment' THEN new.amount_ore ELSE 0 END
   WHERE (call_id, municipality_code, applicant_type, stage, status, includes_evaluation) =
         (SELECT a.call_id, coalesce(a.municipality_code, ''), o.type, a.stage, a.status, a.includes_evaluation
            FROM decisions d JOIN applications a ON a.id = d.application_id JOIN organisations o ON o.id = a.organisation_id
           WHERE d.id = new.decision_id);
END;

-- A decision's payments leave with it: before the delete, while they can still be found (the
-- cascade's payment triggers then find no decision).
CREATE TRIGGER crosstab_decisions_delete BEFORE DELETE ON decisions BEGIN
  UPDATE crosstab_summaries
     SET paid = paid - (SELECT coalesce(sum(amount_ore), 0) FROM payments WHERE decision_id = old.id AND kind = 'payment'),
         repaid = repaid - (SELECT coalesce(sum(amount_ore), 0) FROM payments WHERE decision_id = old.id AND kind = 'repayment')
   WHERE (call_id, municipality_code, applicant_type, stage, status, includes_evaluation) =
         (SELECT a.call_id, coalesce(a.municipality_code, ''), o.type, a.stage, a.status, a.includes_evaluation
            FROM applications a JOIN organisations o ON o.id = a.organisation_id WHERE a.id = old.application_id);
END;

CREATE TRIGGER crosstab_decisions_move AFTER UPDATE OF application_id ON decisions WHEN old.application_id IS NOT new.application_id BEGIN
  UPDATE crosstab_summaries
     SET paid = paid - (SELECT coalesce(sum(amount_ore), 0) FROM payments WHERE decision_id = new.id AND kind = 'payment'),
         repaid = repaid - (SELECT coalesce(sum(amount_ore), 0) FROM payments WHERE decision_id = new.id AND kind = 'repayment')
   WHERE (call_id, municipality_code, applicant_type, stage, status, includes_evaluation) =
         (SELECT a.call_id, coalesce(a.municipality_code, ''), o.type, a.stage, a.status, a.includes_evaluation
            FROM applications a JOIN organisations o ON o.id = a.organisation_id WHERE a.id = old.application_id);
  UPDATE crosstab_summaries
     SET paid = paid + (SELECT coalesce(sum(amount_ore), 0) FROM payments WHERE decision_id = new.id AND kind = 'payment'),
         repaid = repaid + (SELECT coalesce(sum(amount_ore), 0) FROM payments WHERE decision_id = new.id AND kind = 'repayment')
   WHERE (call_id, municipality_code, applicant_type, stage, status, includes_evaluation) =
         (SELECT a.call_id, coalesce(a.municipality_code, ''), o.type, a.stage, a.status, a.includes_evaluation
            FROM applications a JOIN organisations o ON o.id = a.organisation_id WHERE a.id = new.application_id);
END;
