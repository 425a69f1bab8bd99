-- Where a running raw-events export stands after its last complete page: the keyset cursor of
-- the next page (with rows_written and bytes, both counted up to that page's end). A console that
-- restarts continues a CSV or NDJSON export from there instead of from the beginning.
ALTER TABLE exports ADD COLUMN resume_cursor TEXT;
