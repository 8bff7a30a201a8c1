-- Each person's next daily image: the instant (epoch ms) and the local date (YYYY-MM-DD) it is for,
-- kept by every change of selfie, workout days, time zone, send time or subscription and moved on
-- after each delivery. NULL: nothing to send (no selfie, no workout day, unsubscribed, being deleted).
-- The scheduler asks for the users due in a window of this column on every tick.
ALTER TABLE users ADD COLUMN next_send_at_millis BIGINT;
ALTER TABLE users ADD COLUMN next_send_date VARCHAR;
CREATE INDEX IF NOT EXISTS ix_users_next_send_at ON users (next_send_at_millis);
