-- Programme templates, cohorts, facilitators, the waitlist, enrolment,
-- invites, the session calendar and attendance. Also the idempotency keys
-- that make retried creates return their first result.

-- When a week's module is released: at the start of its session, or only
-- once the session is marked held.
ALTER TABLE organisations
  ADD COLUMN module_release VARCHAR(16) NOT NULL DEFAULT 'session_start',
  ADD CONSTRAINT ck_organisations_module_release CHECK (module_release IN ('session_start', 'session_held'));

CREATE TABLE programme_templates (
  id BIGINT NOT NULL AUTO_INCREMENT,
  -- 0 for built-in templates (no foreign key: there is no organisation 0).
  owner_organisation_id BIGINT NOT NULL,
  template_key VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  version INT NOT NULL,
  title VARCHAR(200) NOT NULL,
  description TEXT NOT NULL,
  session_minutes INT NOT NULL,
  week_count INT NOT NULL,
  sources TEXT NOT NULL,
  based_on_template_id BIGINT NULL,
  -- Hex SHA-256 of the content: loading the same built-in version twice is a
  -- no-op, loading changed content under an old version number is an error.
  content_checksum CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  created_at DATETIME(6) NOT NULL,
  created_by BIGINT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uq_programme_templates_version (owner_organisation_id, template_key, version),
  CONSTRAINT fk_programme_templates_base FOREIGN KEY (based_on_template_id) REFERENCES programme_templates (id),
  CONSTRAINT ck_programme_templates_weeks CHECK (week_count BETWEEN 1 AND 16)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE programme_template_weeks (
  template_id BIGINT NOT NULL,
  week_number INT NOT NULL,
  title VARCHAR(200) NOT NULL,
  -- One item per line.
  themes TEXT NOT NULL,
  in_session TEXT NOT NULL,
  module_text MEDIUMTEXT NOT NULL,
  PRIMARY KEY (template_id, week_number),
  CONSTRAINT fk_template_weeks_template FOREIGN KEY (template_id) REFERENCES programme_templates (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE programme_template_practices (
  template_id BIGINT NOT NULL,
  week_number INT NOT NULL,
  position INT NOT NULL,
  code VARCHAR(64) NOT NULL,
  title VARCHAR(200) NOT NULL,
  instructions TEXT NOT NULL,
  caution TEXT NOT NULL,
  times_per_week INT NOT NULL,
  minutes INT NOT NULL,
  PRIMARY KEY (template_id, week_number, position),
  UNIQUE KEY uq_template_practices_code (template_id, week_number, code),
  CONSTRAINT fk_template_practices_week FOREIGN KEY (template_id, week_number)
    REFERENCES programme_template_weeks (template_id, week_number)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE cohorts (
  id BIGINT NOT NULL AUTO_INCREMENT,
  organisation_id BIGINT NOT NULL,
  name VARCHAR(200) NOT NULL,
  template_id BIGINT NOT NULL,
  status VARCHAR(16) NOT NULL,
  cancel_reason TEXT NULL,
  start_date DATE NOT NULL,
  -- ISO 8601: Monday 1 .. Sunday 7.
  weekday TINYINT NOT NULL,
  local_start_time TIME NOT NULL,
  duration_minutes INT NOT NULL,
  time_zone VARCHAR(64) NOT NULL,
  capacity INT NOT NULL,
  group_type VARCHAR(8) NOT NULL,
  created_at DATETIME(6) NOT NULL,
  created_by BIGINT NOT NULL,
  updated_at DATETIME(6) NOT NULL,
  PRIMARY KEY (id),
  -- ListCohorts for admins.
  KEY ix_cohorts_org_start (organisation_id, start_date),
  CONSTRAINT fk_cohorts_organisation FOREIGN KEY (organisation_id) REFERENCES organisations (id),
  CONSTRAINT fk_cohorts_template FOREIGN KEY (template_id) REFERENCES programme_templates (id),
  CONSTRAINT ck_cohorts_status CHECK (status IN ('planned', 'running', 'completed', 'cancelled')),
  CONSTRAINT ck_cohorts_group_type CHECK (group_type IN ('closed', 'open')),
  CONSTRAINT ck_cohorts_capacity CHECK (capacity BETWEEN 1 AND 20),
  CONSTRAINT ck_cohorts_weekday CHECK (weekday BETWEEN 1 AND 7)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE cohort_facilitators (
  cohort_id BIGINT NOT NULL,
  user_id BIGINT NOT NULL,
  role VARCHAR(8) NOT NULL,
  added_at DATETIME(6) NOT NULL,
  PRIMARY KEY (cohort_id, user_id),
  -- "Cohorts I facilitate" for every clinician call.
  KEY ix_cohort_facilitators_user (user_id, cohort_id),
  CONSTRAINT fk_cohort_facilitators_cohort FOREIGN KEY (cohort_id) REFERENCES cohorts (id),
  CONSTRAINT fk_cohort_facilitators_user FOREIGN KEY (user_id) REFERENCES users (id),
  CONSTRAINT ck_cohort_facilitators_role CHECK (role IN ('lead', 'co'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE referrals (
  id BIGINT NOT NULL AUTO_INCREMENT,
  organisation_id BIGINT NOT NULL,
  name VARCHAR(200) NOT NULL,
  contact_email VARCHAR(254) NOT NULL,
  source VARCHAR(200) NOT NULL,
  screening_status VARCHAR(16) NOT NULL,
  screening_note TEXT NOT NULL,
  screened_at DATETIME(6) NULL,
  screened_by BIGINT NULL,
  preferred_cohort_id BIGINT NULL,
  created_at DATETIME(6) NOT NULL,
  created_by BIGINT NOT NULL,
  PRIMARY KEY (id),
  -- ListWaitlist: oldest first within an organisation.
  KEY ix_referrals_org_created (organisation_id, created_at),
  CONSTRAINT fk_referrals_organisation FOREIGN KEY (organisation_id) REFERENCES organisations (id),
  CONSTRAINT fk_referrals_preferred_cohort FOREIGN KEY (preferred_cohort_id) REFERENCES cohorts (id),
  CONSTRAINT ck_referrals_screening CHECK (screening_status IN ('pending', 'suitable', 'unsuitable'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE enrolments (
  id BIGINT NOT NULL AUTO_INCREMENT,
  cohort_id BIGINT NOT NULL,
  -- A referral holds at most one place.
  referral_id BIGINT NOT NULL,
  -- The participant's account once an invite is redeemed.
  user_id BIGINT NULL,
  status VARCHAR(16) NOT NULL,
  allocated_at DATETIME(6) NOT NULL,
  allocated_by BIGINT NOT NULL,
  late_joiner TINYINT(1) NOT NULL,
  closed_group_override TINYINT(1) NOT NULL,
  joined_at DATETIME(6) NULL,
  withdrawn_at DATETIME(6) NULL,
  withdrawal_reason TEXT NULL,
  completed_at DATETIME(6) NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uq_enrolments_referral (referral_id),
  UNIQUE KEY uq_enrolments_user (user_id),
  -- Capacity counts and participant lists per cohort.
  KEY ix_enrolments_cohort_status (cohort_id, status),
  CONSTRAINT fk_enrolments_cohort FOREIGN KEY (cohort_id) REFERENCES cohorts (id),
  CONSTRAINT fk_enrolments_referral FOREIGN KEY (referral_id) REFERENCES referrals (id),
  CONSTRAINT fk_enrolments_user FOREIGN KEY (user_id) REFERENCES users (id),
  CONSTRAINT ck_enrolments_status CHECK (status IN ('invited', 'active', 'withdrawn', 'completed'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE invites (
  id BIGINT NOT NULL AUTO_INCREMENT,
  enrolment_id BIGINT NOT NULL,
  -- Hex SHA-256 of the normalised code; the code itself is never stored.
  code_hash CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  created_at DATETIME(6) NOT NULL,
  created_by BIGINT NOT NULL,
  expires_at DATETIME(6) NOT NULL,
  revoked_at DATETIME(6) NULL,
  redeemed_at DATETIME(6) NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uq_invites_code (code_hash),
  KEY ix_invites_enrolment (enrolment_id, created_at),
  CONSTRAINT fk_invites_enrolment FOREIGN KEY (enrolment_id) REFERENCES enrolments (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One row per planned occurrence. Sessions are planned in local civil time in
-- the cohort's zone; starts_at is the UTC instant derived from it and is
-- recomputed whenever the local time changes.
CREATE TABLE cohort_sessions (
  id BIGINT NOT NULL AUTO_INCREMENT,
  cohort_id BIGINT NOT NULL,
  -- The programme week delivered.
  week_number INT NOT NULL,
  -- week_number while the session is live, NULL once cancelled: at most one
  -- live session per week (a cancelled week's replacement takes it over).
  live_week INT NULL,
  local_start DATETIME NOT NULL,
  time_zone VARCHAR(64) NOT NULL,
  starts_at DATETIME(6) NOT NULL,
  duration_minutes INT NOT NULL,
  status VARCHAR(16) NOT NULL,
  cancel_reason TEXT NULL,
  -- iCalendar SEQUENCE: raised on every change.
  sequence INT NOT NULL,
  held_at DATETIME(6) NULL,
  updated_at DATETIME(6) NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uq_cohort_sessions_live_week (cohort_id, live_week),
  KEY ix_cohort_sessions_cohort_start (cohort_id, starts_at),
  CONSTRAINT fk_cohort_sessions_cohort FOREIGN KEY (cohort_id) REFERENCES cohorts (id),
  CONSTRAINT ck_cohort_sessions_status CHECK (status IN ('scheduled', 'held', 'cancelled'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE attendance (
  session_id BIGINT NOT NULL,
  enrolment_id BIGINT NOT NULL,
  status VARCHAR(8) NOT NULL,
  note TEXT NOT NULL,
  recorded_at DATETIME(6) NOT NULL,
  recorded_by BIGINT NOT NULL,
  PRIMARY KEY (session_id, enrolment_id),
  -- A participant's attendance across sessions (catch-up weeks).
  KEY ix_attendance_enrolment (enrolment_id),
  CONSTRAINT fk_attendance_session FOREIGN KEY (session_id) REFERENCES cohort_sessions (id),
  CONSTRAINT fk_attendance_enrolment FOREIGN KEY (enrolment_id) REFERENCES enrolments (id),
  CONSTRAINT ck_attendance_status CHECK (status IN ('present', 'late', 'absent', 'excused'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A client-generated key per (caller, method): a retried create returns what
-- the first call created instead of creating it again.
CREATE TABLE idempotency_keys (
  user_id BIGINT NOT NULL,
  method VARCHAR(128) NOT NULL,
  idempotency_key VARCHAR(128) NOT NULL,
  -- Hex SHA-256 of the request, so a key reused for a different request is refused.
  request_hash CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  target_id BIGINT NOT NULL,
  created_at DATETIME(6) NOT NULL,
  PRIMARY KEY (user_id, method, idempotency_key)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
