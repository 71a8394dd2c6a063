-- A person may come back for a later group after withdrawing from or
-- completing one. They keep one account (their records stay together), with
-- one enrolment per group they were placed in; the service allows at most one
-- current place (invited or active) per account.
ALTER TABLE enrolments
  ADD KEY ix_enrolments_user (user_id, status),
  DROP INDEX uq_enrolments_user;
