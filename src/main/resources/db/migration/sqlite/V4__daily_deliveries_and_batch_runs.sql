-- The daily batch's claims. One row per user and logical day, taken before any work is done:
-- state claimed -> generated -> mailing -> mailed, or failed (retried while attempts are left).
-- claim_token names the run holding the row; lease_until_millis (epoch ms) is when another run
-- may take it over. Deleting a user deletes their rows.
CREATE TABLE IF NOT EXISTS daily_deliveries (
    user_id VARCHAR NOT NULL,
    generation_date DATE NOT NULL,
    state VARCHAR NOT NULL,
    attempts INTEGER NOT NULL,
    claim_token VARCHAR,
    lease_until_millis BIGINT NOT NULL,
    image_key VARCHAR,
    last_error VARCHAR,
    created_at_millis BIGINT NOT NULL,
    updated_at_millis BIGINT NOT NULL,
    PRIMARY KEY (user_id, generation_date),
    FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS ix_daily_deliveries_date_state ON daily_deliveries (generation_date, state);

-- One row per day for the scheduler: the instance that inserted it (or took it over after its
-- lease expired) runs that day's batch; the others leave it alone. state: running | waiting
-- (released until lease_until_millis for a retry) | finished.
CREATE TABLE IF NOT EXISTS batch_runs (
    run_date DATE NOT NULL,
    state VARCHAR NOT NULL,
    owner VARCHAR,
    lease_until_millis BIGINT NOT NULL,
    started_at_millis BIGINT NOT NULL,
    updated_at_millis BIGINT NOT NULL,
    summary TEXT,
    PRIMARY KEY (run_date)
);
