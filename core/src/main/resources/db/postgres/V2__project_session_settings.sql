-- A project's own session rules; NULL keeps the platform's default (ANALYTICS_SESSION_*).
ALTER TABLE projects
    ADD COLUMN session_gap_minutes   INTEGER CHECK (session_gap_minutes BETWEEN 1 AND 1440),
    ADD COLUMN session_max_hours     INTEGER CHECK (session_max_hours BETWEEN 1 AND 168),
    ADD COLUMN session_midnight_zone TEXT;
