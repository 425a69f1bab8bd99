-- Sessions are written by the exactly-once ClickHouse sink, which needs its commit token column.
ALTER TABLE {db}.sessions ADD COLUMN _batch String
