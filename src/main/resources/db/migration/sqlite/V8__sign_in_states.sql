-- Sign-in states (the random value an OAuth redirect carries) already used by a callback: a second
-- callback with the same state is a replay and is refused. Rows live until the state's cookie
-- expires; each sign-in deletes the expired ones.
CREATE TABLE IF NOT EXISTS sign_in_states (
    id VARCHAR NOT NULL,
    expires_at_millis BIGINT NOT NULL,
    PRIMARY KEY (id)
);
CREATE INDEX IF NOT EXISTS ix_sign_in_states_expires ON sign_in_states (expires_at_millis);
