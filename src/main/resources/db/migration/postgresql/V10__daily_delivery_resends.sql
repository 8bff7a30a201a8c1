-- How many times `batch run --resend` reopened a user's mailed day (BATCH_EMAIL_FILTER, for testers):
-- the row goes through claimed -> generated -> mailing -> mailed again with the new image; the
-- earlier images stay in generated_images.
ALTER TABLE daily_deliveries ADD COLUMN resends INTEGER NOT NULL DEFAULT 0;
