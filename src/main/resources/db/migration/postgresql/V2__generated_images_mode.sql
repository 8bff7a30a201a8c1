-- Early Python deployments created generated_images without a mode column.
ALTER TABLE generated_images ADD COLUMN IF NOT EXISTS mode VARCHAR;
