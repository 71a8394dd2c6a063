-- Indexes for the periodic clean-up of sign-in state nobody needs any more:
-- failed-login counters past the throttle's memory, and sessions long expired.
ALTER TABLE login_throttle ADD KEY ix_login_throttle_last_failure (last_failure_at);
ALTER TABLE auth_sessions ADD KEY ix_auth_sessions_expires (expires_at);
