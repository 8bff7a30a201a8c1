-- The schema as the Python service (SQLAlchemy) first created it; generated_images.mode came
-- later (version 2). Everything is IF NOT EXISTS so that the same script brings an empty database
-- and a Python-made one (baselined at version 0) to the same place.
CREATE TABLE IF NOT EXISTS users (
    id VARCHAR NOT NULL,
    email VARCHAR NOT NULL,
    google_id VARCHAR,
    selfie_filename VARCHAR,
    selfie_embedding_filename VARCHAR,
    workout_days JSON,
    created_at DATETIME DEFAULT (CURRENT_TIMESTAMP),
    updated_at DATETIME,
    PRIMARY KEY (id)
);
CREATE UNIQUE INDEX IF NOT EXISTS ix_users_email ON users (email);
CREATE UNIQUE INDEX IF NOT EXISTS ix_users_google_id ON users (google_id);

CREATE TABLE IF NOT EXISTS generated_images (
    id VARCHAR NOT NULL,
    user_id VARCHAR NOT NULL,
    s3_key VARCHAR NOT NULL,
    generation_date DATE NOT NULL,
    generated_at_millis BIGINT NOT NULL,
    PRIMARY KEY (id),
    FOREIGN KEY (user_id) REFERENCES users (id)
);
CREATE INDEX IF NOT EXISTS ix_generated_images_user_id ON generated_images (user_id);
CREATE INDEX IF NOT EXISTS ix_generated_images_generation_date ON generated_images (generation_date);
