-- Organisations, accounts, sessions, login throttling and the audit trail.
-- Every instant is a UTC DATETIME(6) written by the application's clock.

CREATE TABLE organisations (
  id BIGINT NOT NULL AUTO_INCREMENT,
  name VARCHAR(200) NOT NULL,
  created_at DATETIME(6) NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uq_organisations_name (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE users (
  id BIGINT NOT NULL AUTO_INCREMENT,
  organisation_id BIGINT NOT NULL,
  -- Lower-cased; unique across organisations because it is the login name.
  email VARCHAR(254) NOT NULL,
  display_name VARCHAR(200) NOT NULL,
  role VARCHAR(16) NOT NULL,
  -- libsodium crypto_pwhash_str output ($argon2id$...).
  password_hash VARCHAR(255) NOT NULL,
  password_change_required TINYINT(1) NOT NULL DEFAULT 0,
  active TINYINT(1) NOT NULL DEFAULT 1,
  created_at DATETIME(6) NOT NULL,
  password_changed_at DATETIME(6) NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uq_users_email (email),
  -- ListStaff: one organisation's accounts by role, in name order.
  KEY ix_users_org_role_name (organisation_id, role, display_name),
  CONSTRAINT fk_users_organisation FOREIGN KEY (organisation_id) REFERENCES organisations (id),
  CONSTRAINT ck_users_role CHECK (role IN ('admin', 'clinician', 'participant'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE auth_sessions (
  id BIGINT NOT NULL AUTO_INCREMENT,
  -- Hex SHA-256 of the bearer token; the token itself is never stored.
  token_hash CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  user_id BIGINT NOT NULL,
  created_at DATETIME(6) NOT NULL,
  expires_at DATETIME(6) NOT NULL,
  revoked_at DATETIME(6) NULL,
  peer VARCHAR(64) NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uq_auth_sessions_token (token_hash),
  -- Revoking every other session of a user on password change.
  KEY ix_auth_sessions_user (user_id, revoked_at),
  CONSTRAINT fk_auth_sessions_user FOREIGN KEY (user_id) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Failed-login counters per account (keyed by a hash of the e-mail address,
-- whether or not such an account exists) and per client address.
CREATE TABLE login_throttle (
  scope VARCHAR(8) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  key_hash CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  failures INT NOT NULL,
  window_started_at DATETIME(6) NOT NULL,
  locked_until DATETIME(6) NULL,
  lockouts INT NOT NULL,
  last_failure_at DATETIME(6) NOT NULL,
  PRIMARY KEY (scope, key_hash)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Append-only: the application account is granted SELECT and INSERT only.
-- No foreign keys, so the trail outlives the records it describes.
CREATE TABLE audit_log (
  id BIGINT NOT NULL AUTO_INCREMENT,
  occurred_at DATETIME(6) NOT NULL,
  organisation_id BIGINT NULL,
  actor_user_id BIGINT NULL,
  actor_role VARCHAR(16) NULL,
  method VARCHAR(128) NOT NULL,
  target_type VARCHAR(32) NULL,
  target_id VARCHAR(64) NULL,
  status_code INT NOT NULL,
  peer VARCHAR(64) NULL,
  PRIMARY KEY (id),
  KEY ix_audit_org_time (organisation_id, occurred_at),
  KEY ix_audit_actor_time (actor_user_id, occurred_at),
  KEY ix_audit_target (target_type, target_id, occurred_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
