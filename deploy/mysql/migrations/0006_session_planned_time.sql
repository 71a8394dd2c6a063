-- The local wall-clock time a session was planned for, when it differs from
-- the reading of its instant: a time that does not exist that day (01:30 on
-- the night the clocks go forward) starts at the reading an hour later
-- (02:30), but moving the session to another day must start from 01:30 again.
-- NULL when the two agree, which is almost always.
ALTER TABLE cohort_sessions ADD COLUMN planned_local_start DATETIME NULL AFTER local_start;
