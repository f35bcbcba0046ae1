-- First schema. Money is stored as whole öre (INTEGER) so sums are exact; the UI shows kronor.

CREATE TABLE app_meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

-- Country ('00'), the 21 counties (two digits) and the 290 municipalities (four digits), with the
-- official codes of Statistics Sweden. Later levels (RegSO, DeSO) join this table.
CREATE TABLE geographies (
  code        TEXT PRIMARY KEY,
  level       TEXT NOT NULL CHECK (level IN ('country', 'county', 'municipality')),
  name        TEXT NOT NULL,
  parent_code TEXT REFERENCES geographies (code)
) STRICT;
CREATE INDEX geographies_parent ON geographies (parent_code);

-- Named lists of municipalities, such as ordinance 2018:151's 32, or the result of a designation rule.
CREATE TABLE designations (
  id     INTEGER PRIMARY KEY,
  name   TEXT NOT NULL UNIQUE,
  source TEXT NOT NULL
) STRICT;
CREATE TABLE designation_members (
  designation_id INTEGER NOT NULL REFERENCES designations (id) ON DELETE CASCADE,
  geo_code       TEXT NOT NULL REFERENCES geographies (code),
  PRIMARY KEY (designation_id, geo_code)
) STRICT, WITHOUT ROWID;

CREATE TABLE organisations (
  id                INTEGER PRIMARY KEY,
  org_number        TEXT UNIQUE CHECK (org_number GLOB '[0-9][0-9][0-9][0-9][0-9][0-9]-[0-9][0-9][0-9][0-9]'),
  name              TEXT NOT NULL,
  type              TEXT NOT NULL CHECK (type IN ('municipality', 'region', 'municipal_federation',
                                                  'non_profit', 'foundation', 'other')),
  municipality_code TEXT REFERENCES geographies (code),
  county_code       TEXT REFERENCES geographies (code)
) STRICT;
CREATE INDEX organisations_type ON organisations (type);

CREATE TABLE grant_calls (
  id                     INTEGER PRIMARY KEY,
  year                   INTEGER NOT NULL,
  programme              TEXT NOT NULL,
  title                  TEXT NOT NULL,
  budget_ore             INTEGER NOT NULL CHECK (budget_ore >= 0),
  earmarked_ore          INTEGER NOT NULL DEFAULT 0 CHECK (earmarked_ore BETWEEN 0 AND budget_ore),
  earmark_designation_id INTEGER REFERENCES designations (id),
  opens_on               TEXT,
  closes_on              TEXT,
  UNIQUE (year, programme)
) STRICT;

CREATE TABLE applications (
  id                  INTEGER PRIMARY KEY,
  case_number         TEXT NOT NULL UNIQUE,
  call_id             INTEGER NOT NULL REFERENCES grant_calls (id),
  organisation_id     INTEGER NOT NULL REFERENCES organisations (id),
  title               TEXT NOT NULL,
  stage               TEXT NOT NULL CHECK (stage IN ('survey', 'needs_analysis', 'plan',
                                                     'long_term', 'evaluation')),
  municipality_code   TEXT REFERENCES geographies (code),
  first_year          INTEGER NOT NULL,
  last_year           INTEGER NOT NULL CHECK (last_year >= first_year),
  requested_ore       INTEGER NOT NULL CHECK (requested_ore >= 0),
  includes_evaluation INTEGER NOT NULL DEFAULT 0 CHECK (includes_evaluation IN (0, 1)),
  evaluation_ore      INTEGER CHECK (evaluation_ore >= 0),
  status              TEXT NOT NULL CHECK (status IN ('received', 'in_review', 'granted',
                                                      'partly_granted', 'rejected', 'withdrawn')),
  received_on         TEXT NOT NULL
) STRICT;
CREATE INDEX applications_call ON applications (call_id);
CREATE INDEX applications_organisation ON applications (organisation_id);
CREATE INDEX applications_municipality ON applications (municipality_code);

CREATE TABLE decisions (
  id             INTEGER PRIMARY KEY,
  application_id INTEGER NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
  decided_on     TEXT NOT NULL,
  granted_ore    INTEGER NOT NULL CHECK (granted_ore >= 0),
  conditions     TEXT
) STRICT;
CREATE INDEX decisions_application ON decisions (application_id);

CREATE TABLE payments (
  id          INTEGER PRIMARY KEY,
  decision_id INTEGER NOT NULL REFERENCES decisions (id) ON DELETE CASCADE,
  kind        TEXT NOT NULL CHECK (kind IN ('payment', 'repayment')),
  paid_on     TEXT NOT NULL,
  amount_ore  INTEGER NOT NULL CHECK (amount_ore > 0)
) STRICT;
CREATE INDEX payments_decision ON payments (decision_id);

CREATE TABLE indicators (
  code             TEXT PRIMARY KEY,
  name_sv          TEXT NOT NULL,
  name_en          TEXT NOT NULL,
  unit             TEXT NOT NULL,
  source           TEXT NOT NULL,
  higher_is_better INTEGER NOT NULL CHECK (higher_is_better IN (0, 1))
) STRICT;

-- A missing value ('..' in the sources) is a missing row, never a zero.
CREATE TABLE indicator_values (
  indicator_code TEXT NOT NULL REFERENCES indicators (code),
  geo_code       TEXT NOT NULL REFERENCES geographies (code),
  period         INTEGER NOT NULL,
  sex            TEXT NOT NULL CHECK (sex IN ('T', 'K', 'M')),
  value          REAL NOT NULL,
  PRIMARY KEY (indicator_code, geo_code, period, sex)
) STRICT, WITHOUT ROWID;
CREATE INDEX indicator_values_geo ON indicator_values (geo_code, indicator_code);
