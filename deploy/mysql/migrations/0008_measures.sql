-- Outcome measures: the instrument versions responses were scored with, each
-- organisation's settings (crisis text, alert response times, licensed item
-- text, reliable-change parameters), each cohort's measurement plan,
-- responses with their answers and scores, and risk alerts.

-- Every definition version cftctl migrate (or cftd --migrate_user) loaded,
-- pinned by its content checksum: a response refers to (key, version,
-- checksum), so one scored by a file edited under an old version number
-- cannot be stored.
CREATE TABLE instrument_versions (
  instrument_key VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  version INT NOT NULL,
  checksum CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  title VARCHAR(200) NOT NULL,
  loaded_at DATETIME(6) NOT NULL,
  PRIMARY KEY (instrument_key, version),
  UNIQUE KEY uq_instrument_versions_content (instrument_key, version, checksum)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One row once an organisation changes the defaults (safety.md's crisis text,
-- 4 hours for red and 24 for amber).
CREATE TABLE measure_settings (
  organisation_id BIGINT NOT NULL,
  crisis_text TEXT NOT NULL,
  red_response_minutes INT NOT NULL,
  amber_response_minutes INT NOT NULL,
  updated_at DATETIME(6) NOT NULL,
  updated_by BIGINT NOT NULL,
  PRIMARY KEY (organisation_id),
  CONSTRAINT fk_measure_settings_organisation FOREIGN KEY (organisation_id) REFERENCES organisations (id),
  CONSTRAINT ck_measure_settings_minutes CHECK (red_response_minutes BETWEEN 15 AND 10080
                                               AND amber_response_minutes BETWEEN 15 AND 10080)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The licensed copy of a definition-only instrument an organisation loaded:
-- its note (who licensed it) and the text of each item. Only that
-- organisation's calls see the text.
CREATE TABLE instrument_licences (
  organisation_id BIGINT NOT NULL,
  instrument_key VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  licence_note TEXT NOT NULL,
  loaded_at DATETIME(6) NOT NULL,
  loaded_by BIGINT NOT NULL,
  PRIMARY KEY (organisation_id, instrument_key),
  CONSTRAINT fk_instrument_licences_organisation FOREIGN KEY (organisation_id) REFERENCES organisations (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE instrument_item_texts (
  organisation_id BIGINT NOT NULL,
  instrument_key VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  item_code VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  text TEXT NOT NULL,
  PRIMARY KEY (organisation_id, instrument_key, item_code),
  CONSTRAINT fk_instrument_item_texts_licence FOREIGN KEY (organisation_id, instrument_key)
    REFERENCES instrument_licences (organisation_id, instrument_key)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- SD and reliability an organisation set for a score whose definition
-- publishes none.
CREATE TABLE reliable_change_settings (
  organisation_id BIGINT NOT NULL,
  instrument_key VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  score_key VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  sd DOUBLE NOT NULL,
  reliability DOUBLE NOT NULL,
  reliability_type VARCHAR(24) NOT NULL,
  z DOUBLE NOT NULL,
  source TEXT NOT NULL,
  updated_at DATETIME(6) NOT NULL,
  updated_by BIGINT NOT NULL,
  PRIMARY KEY (organisation_id, instrument_key, score_key),
  CONSTRAINT fk_reliable_change_settings_organisation FOREIGN KEY (organisation_id) REFERENCES organisations (id),
  CONSTRAINT ck_reliable_change_settings_values CHECK (sd > 0 AND reliability > 0 AND reliability < 1)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A cohort's edited plan; a cohort without a row uses the default plan.
CREATE TABLE measurement_plans (
  cohort_id BIGINT NOT NULL,
  session_monitor_enabled TINYINT(1) NOT NULL,
  -- Comma-separated instrument keys.
  session_monitor_instruments VARCHAR(600) NOT NULL,
  session_monitor_opens_days_before INT NOT NULL,
  updated_at DATETIME(6) NOT NULL,
  updated_by BIGINT NOT NULL,
  PRIMARY KEY (cohort_id),
  CONSTRAINT fk_measurement_plans_cohort FOREIGN KEY (cohort_id) REFERENCES cohorts (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE measurement_time_points (
  cohort_id BIGINT NOT NULL,
  position INT NOT NULL,
  time_point_key VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  label VARCHAR(200) NOT NULL,
  kind VARCHAR(16) NOT NULL,
  week INT NOT NULL,
  weeks_after_last_session INT NOT NULL,
  opens_days_before INT NOT NULL,
  closes_days_after INT NOT NULL,
  -- Comma-separated instrument keys.
  instrument_keys VARCHAR(600) NOT NULL,
  PRIMARY KEY (cohort_id, position),
  UNIQUE KEY uq_measurement_time_points_key (cohort_id, time_point_key),
  CONSTRAINT fk_measurement_time_points_plan FOREIGN KEY (cohort_id) REFERENCES measurement_plans (cohort_id),
  CONSTRAINT ck_measurement_time_points_kind CHECK (kind IN ('baseline', 'mid', 'post', 'follow_up'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One completed questionnaire: who, which definition version scored it, and
-- the tags (cohort, week, session, time point) outcomes are grouped by.
CREATE TABLE measure_responses (
  id BIGINT NOT NULL AUTO_INCREMENT,
  organisation_id BIGINT NOT NULL,
  cohort_id BIGINT NOT NULL,
  enrolment_id BIGINT NOT NULL,
  instrument_key VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  instrument_version INT NOT NULL,
  definition_checksum CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  time_point_key VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  time_point_label VARCHAR(200) NOT NULL,
  time_point_kind VARCHAR(16) NOT NULL,
  week_number INT NOT NULL,
  session_id BIGINT NULL,
  completed_at DATETIME(6) NOT NULL,
  submitted_at DATETIME(6) NOT NULL,
  entry_mode VARCHAR(8) NOT NULL,
  -- The participant who submitted it, or the member of staff who keyed it in.
  entered_by BIGINT NOT NULL,
  -- For paper entry: what the keyed numbers meant.
  keyed_as VARCHAR(16) NULL,
  PRIMARY KEY (id),
  -- One response per instrument and time point; a participant's series.
  UNIQUE KEY uq_measure_responses_time_point (enrolment_id, instrument_key, time_point_key),
  -- Cohort pre-post summaries.
  KEY ix_measure_responses_cohort (cohort_id, time_point_key, instrument_key),
  -- The digest's "since the last session".
  KEY ix_measure_responses_cohort_submitted (cohort_id, submitted_at),
  CONSTRAINT fk_measure_responses_cohort FOREIGN KEY (cohort_id) REFERENCES cohorts (id),
  CONSTRAINT fk_measure_responses_enrolment FOREIGN KEY (enrolment_id) REFERENCES enrolments (id),
  CONSTRAINT fk_measure_responses_definition FOREIGN KEY (instrument_key, instrument_version, definition_checksum)
    REFERENCES instrument_versions (instrument_key, version, checksum),
  CONSTRAINT ck_measure_responses_entry_mode CHECK (entry_mode IN ('online', 'paper')),
  CONSTRAINT ck_measure_responses_kind CHECK (time_point_kind IN ('baseline', 'mid', 'post', 'follow_up', 'session'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The answer values as given (never reverse keyed, never a printed score),
-- with the number keyed from paper when there was one.
CREATE TABLE measure_answers (
  response_id BIGINT NOT NULL,
  position INT NOT NULL,
  item_code VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  value INT NULL,
  keyed_value INT NULL,
  PRIMARY KEY (response_id, position),
  CONSTRAINT fk_measure_answers_response FOREIGN KEY (response_id) REFERENCES measure_responses (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE measure_scores (
  response_id BIGINT NOT NULL,
  position INT NOT NULL,
  score_key VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  -- NULL when too many items were unanswered.
  value DOUBLE NULL,
  items_answered INT NOT NULL,
  item_count INT NOT NULL,
  prorated TINYINT(1) NOT NULL,
  band_label VARCHAR(100) NOT NULL,
  band_severity INT NOT NULL,
  caseness TINYINT(1) NULL,
  PRIMARY KEY (response_id, position),
  CONSTRAINT fk_measure_scores_response FOREIGN KEY (response_id) REFERENCES measure_responses (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- At most one alert per response, written in the response's transaction.
CREATE TABLE risk_alerts (
  id BIGINT NOT NULL AUTO_INCREMENT,
  organisation_id BIGINT NOT NULL,
  cohort_id BIGINT NOT NULL,
  enrolment_id BIGINT NOT NULL,
  response_id BIGINT NOT NULL,
  tier VARCHAR(8) NOT NULL,
  -- Comma-separated keys of the rules that fired, and one reason per line.
  rule_keys VARCHAR(500) NOT NULL,
  reasons TEXT NOT NULL,
  created_at DATETIME(6) NOT NULL,
  -- created_at plus the organisation's response time for the tier, when raised.
  due_at DATETIME(6) NOT NULL,
  acknowledged_at DATETIME(6) NULL,
  acknowledged_by BIGINT NULL,
  acknowledge_note TEXT NULL,
  resolved_at DATETIME(6) NULL,
  resolved_by BIGINT NULL,
  resolve_note TEXT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uq_risk_alerts_response (response_id),
  -- The inbox of an org admin, and its counts.
  KEY ix_risk_alerts_org_open (organisation_id, resolved_at, due_at),
  -- The inbox of a facilitator (per cohort) and the digest.
  KEY ix_risk_alerts_cohort_open (cohort_id, resolved_at, due_at),
  KEY ix_risk_alerts_cohort_created (cohort_id, created_at),
  CONSTRAINT fk_risk_alerts_response FOREIGN KEY (response_id) REFERENCES measure_responses (id),
  CONSTRAINT fk_risk_alerts_cohort FOREIGN KEY (cohort_id) REFERENCES cohorts (id),
  CONSTRAINT fk_risk_alerts_enrolment FOREIGN KEY (enrolment_id) REFERENCES enrolments (id),
  CONSTRAINT ck_risk_alerts_tier CHECK (tier IN ('red', 'amber'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
