-- What a person sets about their mail and their day, and the mark of an account being deleted
-- (it can no longer sign in or be mailed; deletion resumes until the row is gone).
-- time_zone / send_time NULL: the batch's zone and time.
ALTER TABLE users ADD COLUMN IF NOT EXISTS email_opt_out BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE users ADD COLUMN IF NOT EXISTS time_zone VARCHAR;
ALTER TABLE users ADD COLUMN IF NOT EXISTS send_time VARCHAR;
ALTER TABLE users ADD COLUMN IF NOT EXISTS deletion_requested_at_millis BIGINT;
