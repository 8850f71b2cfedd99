-- A watermark names the Delta table it came from as well as its version: a version number from another lake (a new lake, or a
-- second lake publishing into the same database) says nothing about what this database holds.
ALTER TABLE etl_watermarks ADD COLUMN source_id text;
