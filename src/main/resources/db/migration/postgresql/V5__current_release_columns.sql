-- The columns of the original's current release where the database lacks them; a database that the
-- current original made has users.name .. mode already (mode and anti_motivation_mode NOT NULL
-- without defaults). Same as the SQLite Java migration CurrentReleaseColumnsMigration.
ALTER TABLE users ADD COLUMN IF NOT EXISTS name VARCHAR;
ALTER TABLE users ADD COLUMN IF NOT EXISTS apple_id VARCHAR;
CREATE UNIQUE INDEX IF NOT EXISTS ix_users_apple_id ON users (apple_id);
ALTER TABLE users ADD COLUMN IF NOT EXISTS gender VARCHAR;
ALTER TABLE users ADD COLUMN IF NOT EXISTS anti_motivation_mode BOOLEAN;
UPDATE users SET anti_motivation_mode = false WHERE anti_motivation_mode IS NULL;
ALTER TABLE users ALTER COLUMN anti_motivation_mode SET DEFAULT false;
ALTER TABLE users ALTER COLUMN anti_motivation_mode SET NOT NULL;
ALTER TABLE users ADD COLUMN IF NOT EXISTS mode VARCHAR;
UPDATE users SET mode = CASE WHEN anti_motivation_mode THEN 'shame'
                             WHEN gender IN ('female', 'F') THEN 'toned' ELSE 'ripped' END
WHERE mode IS NULL OR mode = '';
ALTER TABLE users ALTER COLUMN mode SET DEFAULT 'ripped';
ALTER TABLE users ALTER COLUMN mode SET NOT NULL;

-- generated_images.mode held batch/on_demand in our earlier versions: that moves to source, and mode
-- holds the user's mode as the original's does.
ALTER TABLE generated_images ADD COLUMN IF NOT EXISTS source VARCHAR;
ALTER TABLE generated_images ADD COLUMN IF NOT EXISTS identity_score DOUBLE PRECISION;
UPDATE generated_images SET source = mode WHERE mode IN ('batch', 'on_demand') AND source IS NULL;
UPDATE generated_images
SET mode = (SELECT users.mode FROM users WHERE users.id = generated_images.user_id)
WHERE mode IN ('batch', 'on_demand');
