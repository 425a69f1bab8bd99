-- Where a running raw-events export stands after its last complete page: the keyset cursor of
-- the next page (with rows_written and bytes, both counted up to that page's end). A console that
-- restarts continues a CSV or NDJSON export from there instead of from the beginning.
ALTER TABLE exports ADD COLUMN resume_cursor TEXT;
-- Which console runs the export, and when it last said so (at its start and after each page):
-- another console takes over an export only once that is stale, so with several consoles on a
-- shared exports volume an export runs on one at a time.
ALTER TABLE exports ADD COLUMN runner TEXT;
ALTER TABLE exports ADD COLUMN heartbeat_at TIMESTAMPTZ;
