-- Evaluation tracking (issue 12): a grant's evaluation plan, its results framework (outcomes,
-- indicators with baseline, targets and comparison places), milestones, findings, risks, notes and
-- attachments.
--
-- Every row has a `uid`, a random UUID the app gives it, so the same plan means the same row on
-- every laptop when evaluators exchange their work; the integer ids are local and only join tables
-- within one store. `updated_at` says which copy of a row is newer. Nothing here is ever renamed or
-- dropped once shipped (data travels between machines), only added to.

CREATE TABLE evaluation_plans (
  id             INTEGER PRIMARY KEY,
  uid            TEXT NOT NULL UNIQUE CHECK (length(uid) = 36 AND uid NOT GLOB '*[^0-9a-f-]*'),
  application_id INTEGER NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
  kind           TEXT NOT NULL CHECK (kind IN ('self_evaluation', 'external_evaluation', 'follow_research')),
  -- The evaluator or research partner: a name, and the organisation when the register has it.
  evaluator      TEXT NOT NULL DEFAULT '' CHECK (length(evaluator) <= 200),
  evaluator_organisation_id INTEGER REFERENCES organisations (id),
  method         TEXT NOT NULL CHECK (method IN ('before_after', 'comparison_areas', 'did', 'qualitative')),
  starts_on      TEXT NOT NULL CHECK (starts_on IS date(starts_on)),
  ends_on        TEXT NOT NULL CHECK (ends_on IS date(ends_on)),
  updated_at     TEXT NOT NULL,
  CHECK (ends_on >= starts_on)
) STRICT;
CREATE INDEX evaluation_plans_application ON evaluation_plans (application_id);

CREATE TABLE evaluation_questions (
  id         INTEGER PRIMARY KEY,
  uid        TEXT NOT NULL UNIQUE CHECK (length(uid) = 36 AND uid NOT GLOB '*[^0-9a-f-]*'),
  plan_id    INTEGER NOT NULL REFERENCES evaluation_plans (id) ON DELETE CASCADE,
  position   INTEGER NOT NULL CHECK (position >= 1),
  question   TEXT NOT NULL CHECK (length(question) BETWEEN 1 AND 2000),
  updated_at TEXT NOT NULL,
  UNIQUE (plan_id, position)
) STRICT;

-- What the grant should change ("more residents in work"), each followed by indicators below.
CREATE TABLE evaluation_outcomes (
  id         INTEGER PRIMARY KEY,
  uid        TEXT NOT NULL UNIQUE CHECK (length(uid) = 36 AND uid NOT GLOB '*[^0-9a-f-]*'),
  plan_id    INTEGER NOT NULL REFERENCES evaluation_plans (id) ON DELETE CASCADE,
  position   INTEGER NOT NULL CHECK (position >= 1),
  title      TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 500),
  updated_at TEXT NOT NULL,
  UNIQUE (plan_id, position)
) STRICT;

-- One indicator of the indicator store tracked for one place (the grant's municipality or area).
-- The baseline is a value the store held for that place, sex and year when the evaluator picked it
-- (the service reads it; the UI never lets it be typed); it is kept as picked, so a later
-- re-import that revises the figure does not move the baseline silently.
CREATE TABLE outcome_indicators (
  id             INTEGER PRIMARY KEY,
  uid            TEXT NOT NULL UNIQUE CHECK (length(uid) = 36 AND uid NOT GLOB '*[^0-9a-f-]*'),
  outcome_id     INTEGER NOT NULL REFERENCES evaluation_outcomes (id) ON DELETE CASCADE,
  indicator_code TEXT NOT NULL REFERENCES indicators (code),
  sex            TEXT NOT NULL CHECK (sex IN ('T', 'K', 'M')),
  level          TEXT NOT NULL CHECK (level IN ('country', 'county', 'municipality', 'regso', 'deso')),
  -- A geography or a statistical area (see the `places` view), so not one foreign key.
  geo_code       TEXT NOT NULL,
  baseline_year  INTEGER,
  baseline_value REAL,
  updated_at     TEXT NOT NULL,
  CHECK ((baseline_year IS NULL) = (baseline_value IS NULL)),
  UNIQUE (outcome_id, indicator_code, sex, geo_code)
) STRICT;
CREATE INDEX outcome_indicators_indicator ON outcome_indicators (indicator_code);

CREATE TABLE outcome_targets (
  id                   INTEGER PRIMARY KEY,
  uid                  TEXT NOT NULL UNIQUE CHECK (length(uid) = 36 AND uid NOT GLOB '*[^0-9a-f-]*'),
  outcome_indicator_id INTEGER NOT NULL REFERENCES outcome_indicators (id) ON DELETE CASCADE,
  year                 INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 2100),
  value                REAL NOT NULL,
  updated_at           TEXT NOT NULL,
  UNIQUE (outcome_indicator_id, year)
) STRICT;

-- Places the tracked one is compared with: chosen by the evaluator, or suggested by the app (same
-- area type, nearest baseline) and kept.
CREATE TABLE comparison_places (
  id                   INTEGER PRIMARY KEY,
  uid                  TEXT NOT NULL UNIQUE CHECK (length(uid) = 36 AND uid NOT GLOB '*[^0-9a-f-]*'),
  outcome_indicator_id INTEGER NOT NULL REFERENCES outcome_indicators (id) ON DELETE CASCADE,
  geo_code             TEXT NOT NULL,
  chosen_by            TEXT NOT NULL CHECK (chosen_by IN ('evaluator', 'suggested')),
  updated_at           TEXT NOT NULL,
  UNIQUE (outcome_indicator_id, geo_code)
) STRICT;

-- Milestones and deliverables. A deliverable that is one of the register's reports points at it
-- (linked, not copied): its due date and receipt stay the register's.
CREATE TABLE evaluation_milestones (
  id         INTEGER PRIMARY KEY,
  uid        TEXT NOT NULL UNIQUE CHECK (length(uid) = 36 AND uid NOT GLOB '*[^0-9a-f-]*'),
  plan_id    INTEGER NOT NULL REFERENCES evaluation_plans (id) ON DELETE CASCADE,
  kind       TEXT NOT NULL CHECK (kind IN ('milestone', 'deliverable')),
  title      TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 500),
  due_on     TEXT NOT NULL CHECK (due_on IS date(due_on)),
  status     TEXT NOT NULL CHECK (status IN ('planned', 'in_progress', 'done', 'cancelled')),
  done_on    TEXT CHECK (done_on IS date(done_on)),
  report_id  INTEGER REFERENCES reports (id) ON DELETE SET NULL,
  updated_at TEXT NOT NULL,
  CHECK ((status = 'done') = (done_on IS NOT NULL))
) STRICT;
CREATE INDEX evaluation_milestones_plan ON evaluation_milestones (plan_id);
-- The portfolio's deadlines in the next 30 and 90 days read open milestones by due date.
CREATE INDEX evaluation_milestones_due ON evaluation_milestones (status, due_on);
CREATE INDEX evaluation_milestones_report ON evaluation_milestones (report_id);

-- Attachments are kept in the store (an evaluator works offline), hash and size beside the bytes;
-- the service refuses a file above 25 MiB and the CHECK holds it to that. The bytes come last in
-- the row, so listing attachments does not read them.
CREATE TABLE evaluation_attachments (
  id         INTEGER PRIMARY KEY,
  uid        TEXT NOT NULL UNIQUE CHECK (length(uid) = 36 AND uid NOT GLOB '*[^0-9a-f-]*'),
  plan_id    INTEGER NOT NULL REFERENCES evaluation_plans (id) ON DELETE CASCADE,
  name       TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 255),
  mime       TEXT NOT NULL CHECK (length(mime) BETWEEN 1 AND 255),
  size       INTEGER NOT NULL CHECK (size BETWEEN 0 AND 26214400),
  sha256     TEXT NOT NULL CHECK (length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*'),
  added_on   TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  content    BLOB NOT NULL,
  CHECK (length(content) = size)
) STRICT;
CREATE INDEX evaluation_attachments_plan ON evaluation_attachments (plan_id);

CREATE TABLE evaluation_findings (
  id            INTEGER PRIMARY KEY,
  uid           TEXT NOT NULL UNIQUE CHECK (length(uid) = 36 AND uid NOT GLOB '*[^0-9a-f-]*'),
  plan_id       INTEGER NOT NULL REFERENCES evaluation_plans (id) ON DELETE CASCADE,
  -- The evaluation question it answers, if one.
  question_id   INTEGER REFERENCES evaluation_questions (id) ON DELETE SET NULL,
  statement     TEXT NOT NULL CHECK (length(statement) BETWEEN 1 AND 4000),
  evidence_type TEXT NOT NULL CHECK (evidence_type IN ('register_data', 'survey', 'interviews', 'observation',
                                                       'document_review', 'case_study', 'other')),
  strength      TEXT NOT NULL CHECK (strength IN ('weak', 'moderate', 'strong')),
  found_on      TEXT NOT NULL CHECK (found_on IS date(found_on)),
  -- Where it is reported: a report, an article, a meeting; an attachment when the store holds it.
  source        TEXT NOT NULL DEFAULT '' CHECK (length(source) <= 1000),
  attachment_id INTEGER REFERENCES evaluation_attachments (id) ON DELETE SET NULL,
  updated_at    TEXT NOT NULL
) STRICT;
CREATE INDEX evaluation_findings_plan ON evaluation_findings (plan_id);
-- Deleting a question or an attachment clears the findings that name it.
CREATE INDEX evaluation_findings_question ON evaluation_findings (question_id);
CREATE INDEX evaluation_findings_attachment ON evaluation_findings (attachment_id);

CREATE TABLE evaluation_risks (
  id          INTEGER PRIMARY KEY,
  uid         TEXT NOT NULL UNIQUE CHECK (length(uid) = 36 AND uid NOT GLOB '*[^0-9a-f-]*'),
  plan_id     INTEGER NOT NULL REFERENCES evaluation_plans (id) ON DELETE CASCADE,
  description TEXT NOT NULL CHECK (length(description) BETWEEN 1 AND 2000),
  likelihood  TEXT NOT NULL CHECK (likelihood IN ('low', 'medium', 'high')),
  impact      TEXT NOT NULL CHECK (impact IN ('low', 'medium', 'high')),
  mitigation  TEXT NOT NULL DEFAULT '' CHECK (length(mitigation) <= 2000),
  status      TEXT NOT NULL CHECK (status IN ('open', 'closed')),
  noted_on    TEXT NOT NULL CHECK (noted_on IS date(noted_on)),
  updated_at  TEXT NOT NULL
) STRICT;
CREATE INDEX evaluation_risks_plan ON evaluation_risks (plan_id);

CREATE TABLE evaluation_notes (
  id         INTEGER PRIMARY KEY,
  uid        TEXT NOT NULL UNIQUE CHECK (length(uid) = 36 AND uid NOT GLOB '*[^0-9a-f-]*'),
  plan_id    INTEGER NOT NULL REFERENCES evaluation_plans (id) ON DELETE CASCADE,
  written_at TEXT NOT NULL,
  -- The OS user, as the audit log names who edited.
  written_by TEXT NOT NULL,
  body       TEXT NOT NULL CHECK (length(body) BETWEEN 1 AND 20000),
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX evaluation_notes_plan ON evaluation_notes (plan_id);
