-- Identity resolution and session ids on events: the person an event's distinct_id resolved to when
-- it was processed, that person's properties as of the event, and the event's session.
ALTER TABLE {db}.events
    ADD COLUMN person_id String AFTER user_id,
    ADD COLUMN person_properties String AFTER set_once_properties,
    ADD COLUMN session_id String AFTER person_id;

ALTER TABLE {db}.sessions ADD COLUMN person_id String AFTER distinct_id;

-- persons and person_aliases are written by the exactly-once sink, which needs its commit token.
ALTER TABLE {db}.persons ADD COLUMN _batch String;

ALTER TABLE {db}.person_aliases ADD COLUMN _batch String
