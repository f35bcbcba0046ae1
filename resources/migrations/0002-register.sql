-- The register (issue 3): organisations, calls, applications, decisions, payments, reports, audit log.
-- Placeholder until that work lands; an empty migration changes nothing.
SELECT 1;
