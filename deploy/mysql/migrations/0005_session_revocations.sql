-- The revocation feed behind each cftd's in-memory session cache: a logout,
-- password change, reset or deactivation on any replica appends a row, and
-- every replica reads the recent rows once a second and lets go of what it
-- cached. Times are the database's own clock (NOW(6)), so replicas whose
-- clocks differ still agree on what "recent" means. No foreign keys: rows are
-- short-lived (housekeeping deletes them after a day) and must never block
-- the change they follow.
CREATE TABLE session_revocations (
  id BIGINT NOT NULL AUTO_INCREMENT,
  user_id BIGINT NOT NULL,
  -- NULL: every session of the user, and whatever is cached about the account.
  session_id BIGINT NULL,
  recorded_at DATETIME(6) NOT NULL,
  PRIMARY KEY (id),
  KEY ix_session_revocations_recorded (recorded_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
