-- Device class (from the first event) and revenue (sum of the events' "revenue" property) of a session.
ALTER TABLE {db}.sessions
    ADD COLUMN device_type String AFTER utm_campaign,
    ADD COLUMN revenue Float64 AFTER device_type
