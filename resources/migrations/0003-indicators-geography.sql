-- Indicators and geography (issue 4): statistical areas, indicator definitions, values with history.
-- Placeholder until that work lands; an empty migration changes nothing.
SELECT 1;
