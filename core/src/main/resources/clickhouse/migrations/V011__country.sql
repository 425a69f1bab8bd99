-- The client's country (ISO 3166-1 alpha-2) from the collector's GeoIP lookup; a session's is its
-- first event's.
ALTER TABLE {db}.events ADD COLUMN country String AFTER device_type;

ALTER TABLE {db}.sessions ADD COLUMN country String AFTER device_type
