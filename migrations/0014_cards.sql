-- Issue 14: Unproven (#55606e) and Outdated (#46566b) were two slates a reader could not
-- tell apart (CIEDE2000 4.8), True and Mostly True two greens (8.0), Mostly False and False
-- two reds (9.9). New colours keep white text at 4.5:1 or more and every pair of the scale
-- 12 or more apart (src/db/ratings.rs tests both). A colour a newsroom has changed is left
-- as it chose.
UPDATE ratings SET colour = '#17602a' WHERE slug = 'true'         AND colour = '#1e6b34';
UPDATE ratings SET colour = '#4f7012' WHERE slug = 'mostly-true'  AND colour = '#3f6e1a';
UPDATE ratings SET colour = '#b04400' WHERE slug = 'mostly-false' AND colour = '#a4410e';
UPDATE ratings SET colour = '#a8141e' WHERE slug = 'false'        AND colour = '#b3261e';
UPDATE ratings SET colour = '#5c5c5c' WHERE slug = 'unproven'     AND colour = '#55606e';
UPDATE ratings SET colour = '#2c4f8c' WHERE slug = 'outdated'     AND colour = '#46566b';
