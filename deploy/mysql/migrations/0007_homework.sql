-- Homework: the practice kinds of programme templates, assignments, practice
-- logs with their structured values and feedback, and which weeks' modules
-- participants have opened. The audit trail gains a detail column that says
-- which fields a change touched (names only, never what was written).

-- Kinds belong to a template version, as its weeks do, so a cohort's logs
-- always match the fields they were recorded with.
CREATE TABLE programme_practice_kinds (
  template_id BIGINT NOT NULL,
  kind_key VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  position INT NOT NULL,
  title VARCHAR(200) NOT NULL,
  description TEXT NOT NULL,
  guide VARCHAR(8) NOT NULL,
  distress_required TINYINT(1) NOT NULL,
  uses_steps TINYINT(1) NOT NULL,
  PRIMARY KEY (template_id, kind_key),
  CONSTRAINT fk_practice_kinds_template FOREIGN KEY (template_id) REFERENCES programme_templates (id),
  CONSTRAINT ck_practice_kinds_guide CHECK (guide IN ('none', 'pacer', 'timer'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE programme_practice_kind_fields (
  template_id BIGINT NOT NULL,
  kind_key VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  position INT NOT NULL,
  field_key VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  label VARCHAR(200) NOT NULL,
  help TEXT NOT NULL,
  field_type VARCHAR(8) NOT NULL,
  required TINYINT(1) NOT NULL,
  min_value INT NULL,
  max_value INT NULL,
  max_length INT NULL,
  -- Choice options, one "key<TAB>label" per line.
  options TEXT NOT NULL,
  PRIMARY KEY (template_id, kind_key, position),
  UNIQUE KEY uq_practice_kind_fields_key (template_id, kind_key, field_key),
  CONSTRAINT fk_practice_kind_fields_kind FOREIGN KEY (template_id, kind_key)
    REFERENCES programme_practice_kinds (template_id, kind_key),
  CONSTRAINT ck_practice_kind_fields_type CHECK (field_type IN ('text', 'number', 'yes_no', 'choice', 'step'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Empty for practices of templates stored before kinds existed.
ALTER TABLE programme_template_practices
  ADD COLUMN kind_key VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL DEFAULT '';

-- A week's practice set for a cohort. The template's practices are copied in
-- once per cohort (source 'programme', one row per week and practice code);
-- clinicians add more for the whole cohort or for one participant. Who an
-- assignment applies to, and from when, is worked out on read from the
-- sessions and the enrolment, so late joiners, withdrawals and moved or
-- cancelled sessions never need these rows rewritten.
CREATE TABLE homework_assignments (
  id BIGINT NOT NULL AUTO_INCREMENT,
  cohort_id BIGINT NOT NULL,
  week_number INT NOT NULL,
  source VARCHAR(12) NOT NULL,
  -- Set for an assignment of one participant.
  enrolment_id BIGINT NULL,
  -- The template practice's code for 'programme' rows; NULL otherwise.
  practice_code VARCHAR(64) NULL,
  kind_key VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  title VARCHAR(200) NOT NULL,
  instructions TEXT NOT NULL,
  caution TEXT NOT NULL,
  times_per_week INT NOT NULL,
  minutes INT NOT NULL,
  -- Ladder steps, one "target minutes<TAB>description" per line.
  steps TEXT NOT NULL,
  created_at DATETIME(6) NOT NULL,
  created_by BIGINT NULL,
  PRIMARY KEY (id),
  -- The cohort's assignments in week order (every read); one programme row
  -- per week and code, so copying the template twice is harmless.
  UNIQUE KEY uq_homework_assignments_programme (cohort_id, week_number, practice_code),
  CONSTRAINT fk_homework_assignments_cohort FOREIGN KEY (cohort_id) REFERENCES cohorts (id),
  CONSTRAINT fk_homework_assignments_enrolment FOREIGN KEY (enrolment_id) REFERENCES enrolments (id),
  CONSTRAINT ck_homework_assignments_source CHECK (source IN ('programme', 'cohort', 'participant')),
  CONSTRAINT ck_homework_assignments_dose CHECK (times_per_week BETWEEN 1 AND 21 AND minutes BETWEEN 1 AND 180)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One practice as the participant logged it. A deleted log keeps its row
-- (without its content) so that a late retry of its idempotency key cannot
-- bring it back.
CREATE TABLE practice_logs (
  id BIGINT NOT NULL AUTO_INCREMENT,
  assignment_id BIGINT NOT NULL,
  -- Copied from the assignment and enrolment so the cohort-wide reads scan one index.
  cohort_id BIGINT NOT NULL,
  enrolment_id BIGINT NOT NULL,
  user_id BIGINT NOT NULL,
  idempotency_key VARCHAR(128) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  -- Hex SHA-256 of the first request: a retry with other content is refused.
  request_hash CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  -- Wall-clock time in the cohort's zone, and the instant it was.
  practised_local DATETIME NOT NULL,
  practised_at DATETIME(6) NOT NULL,
  minutes INT NOT NULL,
  distress_before TINYINT NULL,
  distress_after TINYINT NULL,
  helpfulness TINYINT NOT NULL,
  -- The participant's own words; read by staff only when shared = 1.
  note TEXT NULL,
  shared TINYINT(1) NOT NULL,
  created_at DATETIME(6) NOT NULL,
  updated_at DATETIME(6) NOT NULL,
  deleted_at DATETIME(6) NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uq_practice_logs_key (user_id, idempotency_key),
  -- Adherence and the digest: per participant and assignment over a cohort,
  -- covering every column those aggregates read.
  KEY ix_practice_logs_cohort (cohort_id, deleted_at, enrolment_id, assignment_id, practised_at, minutes, helpfulness),
  -- A participant's assignments with progress (covering), and their own logs newest first.
  KEY ix_practice_logs_enrolment (enrolment_id, deleted_at, assignment_id, practised_local, minutes, helpfulness),
  KEY ix_practice_logs_enrolment_time (enrolment_id, deleted_at, practised_at, id),
  -- The cohort's logs newest first for facilitators.
  KEY ix_practice_logs_cohort_time (cohort_id, deleted_at, practised_at, id),
  CONSTRAINT fk_practice_logs_assignment FOREIGN KEY (assignment_id) REFERENCES homework_assignments (id),
  CONSTRAINT fk_practice_logs_cohort FOREIGN KEY (cohort_id) REFERENCES cohorts (id),
  CONSTRAINT fk_practice_logs_enrolment FOREIGN KEY (enrolment_id) REFERENCES enrolments (id),
  CONSTRAINT fk_practice_logs_user FOREIGN KEY (user_id) REFERENCES users (id),
  CONSTRAINT ck_practice_logs_minutes CHECK (minutes BETWEEN 1 AND 180),
  CONSTRAINT ck_practice_logs_ratings CHECK (helpfulness BETWEEN 0 AND 10
    AND (distress_before IS NULL OR distress_before BETWEEN 0 AND 10)
    AND (distress_after IS NULL OR distress_after BETWEEN 0 AND 10))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The structured fields of a log, one row per field given. Text values are
-- the participant's words and reach staff only when the log is shared.
CREATE TABLE practice_log_values (
  log_id BIGINT NOT NULL,
  field_key VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  position INT NOT NULL,
  value_type VARCHAR(8) NOT NULL,
  -- Text and choice values.
  text_value TEXT NULL,
  -- Number, yes/no (0 or 1) and step values.
  number_value INT NULL,
  PRIMARY KEY (log_id, field_key),
  CONSTRAINT fk_practice_log_values_log FOREIGN KEY (log_id) REFERENCES practice_logs (id),
  CONSTRAINT ck_practice_log_values_type CHECK (value_type IN ('text', 'number', 'yes_no', 'choice', 'step'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE practice_log_feedback (
  id BIGINT NOT NULL AUTO_INCREMENT,
  log_id BIGINT NOT NULL,
  author_user_id BIGINT NOT NULL,
  -- As the participant saw it signed when it was written.
  author_name VARCHAR(200) NOT NULL,
  body TEXT NOT NULL,
  created_at DATETIME(6) NOT NULL,
  PRIMARY KEY (id),
  -- A page of logs with their feedback.
  KEY ix_practice_log_feedback_log (log_id, created_at),
  CONSTRAINT fk_practice_log_feedback_log FOREIGN KEY (log_id) REFERENCES practice_logs (id),
  CONSTRAINT fk_practice_log_feedback_author FOREIGN KEY (author_user_id) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The participant client reports opening a week's module.
CREATE TABLE module_opens (
  enrolment_id BIGINT NOT NULL,
  week_number INT NOT NULL,
  cohort_id BIGINT NOT NULL,
  first_opened_at DATETIME(6) NOT NULL,
  last_opened_at DATETIME(6) NOT NULL,
  times_opened INT NOT NULL,
  PRIMARY KEY (enrolment_id, week_number),
  -- Who opened which week, over a cohort (adherence, the digest).
  KEY ix_module_opens_cohort (cohort_id, week_number, enrolment_id),
  CONSTRAINT fk_module_opens_enrolment FOREIGN KEY (enrolment_id) REFERENCES enrolments (id),
  CONSTRAINT fk_module_opens_cohort FOREIGN KEY (cohort_id) REFERENCES cohorts (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Which fields a change touched ("changed: minutes, fields.situation"), never their content.
ALTER TABLE audit_log ADD COLUMN detail VARCHAR(500) NULL;
