package io.streamlytics.flink.sessions;

/** A recent session of one session key, as {@link AssignSessionIds} remembers it. */
public class SessionCursor {
    public String id;
    public long first;
    public long last;

    public SessionCursor() {}

    SessionCursor(String id, long time) {
        this.id = id;
        this.first = time;
        this.last = time;
    }
}
