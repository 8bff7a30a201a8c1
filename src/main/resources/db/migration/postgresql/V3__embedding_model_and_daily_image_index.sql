ALTER TABLE users ADD COLUMN embedding_model VARCHAR;

CREATE INDEX IF NOT EXISTS ix_generated_images_user_date ON generated_images (user_id, generation_date);
