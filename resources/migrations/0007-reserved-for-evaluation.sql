-- Holds number 7 for the evaluation migration being written beside this branch, so 0008 keeps the
-- numbering without gaps here; at the merge the evaluation's own 0007 takes this file's place.
SELECT 1;
