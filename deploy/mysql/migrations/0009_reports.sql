-- Outcome exports read a cohort's participants and their responses in key
-- order, a page of participants at a time (services/reports/).

-- Keyset pages of a cohort's enrolments in id order.
ALTER TABLE enrolments ADD KEY ix_enrolments_cohort_id (cohort_id, id);

-- A page's responses in (participant, response) order straight from the
-- index, and the cohort's counts without touching the rows.
ALTER TABLE measure_responses ADD KEY ix_measure_responses_export (cohort_id, enrolment_id, id);
