-- What a person sets about their mail and their day, and the mark of an account being deleted
-- (it can no longer sign in or be mailed; deletion resumes until the row is gone).
-- time_zone / send_time NULL: the batch's zone and time. No Python database has these columns.
ALTER TABLE users ADD COLUMN email_opt_out BOOLEAN NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN time_zone VARCHAR;
ALTER TABLE users ADD COLUMN send_time VARCHAR;
ALTER TABLE users ADD COLUMN deletion_requested_at_millis BIGINT;
