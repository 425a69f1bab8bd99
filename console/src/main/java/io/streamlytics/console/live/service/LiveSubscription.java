package io.streamlytics.console.live.service;

import io.streamlytics.console.live.domain.LiveFeedEvent;
import io.streamlytics.console.live.domain.LiveSnapshot;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.StreamEntryID;

/**
 * One client's mailbox. Back-pressure by coalescing: only the newest snapshot waits (a snapshot
 * holds whole values, so a slow client skips intermediate ones and loses nothing but frames), and
 * at most {@link #MAX_FEED} feed events wait (the oldest are dropped and counted). At most one
 * delivery runs at a time, on the hub's pool, so a slow client never delays the others.
 */
public final class LiveSubscription implements AutoCloseable {
    static final int MAX_FEED = 200;
    private static final Logger LOG = LoggerFactory.getLogger(LiveSubscription.class);

    private final long project;
    private final LiveListener listener;
    private final Executor pool;
    private final Runnable onClose;
    private LiveSnapshot snapshot;
    private final ArrayDeque<LiveFeedEvent> feed = new ArrayDeque<>();
    private long dropped;

    /** The newest feed event queued so far: the watcher and a resume read may overlap. */
    private StreamEntryID newest;

    private boolean draining;
    private boolean closed;

    LiveSubscription(long project, LiveListener listener, Executor pool, Runnable onClose) {
        this.project = project;
        this.listener = listener;
        this.pool = pool;
        this.onClose = onClose;
    }

    public long project() {
        return project;
    }

    void offer(LiveSnapshot next) {
        synchronized (this) {
            if (closed) {
                return;
            }
            snapshot = next;
        }
        schedule();
    }

    void offer(List<LiveFeedEvent> events) {
        synchronized (this) {
            if (closed) {
                return;
            }
            for (LiveFeedEvent e : events) {
                StreamEntryID id = new StreamEntryID(e.id());
                if (newest != null && id.compareTo(newest) <= 0) {
                    continue;
                }
                newest = id;
                if (feed.size() == MAX_FEED) {
                    feed.removeFirst();
                    dropped++;
                }
                feed.addLast(e);
            }
        }
        schedule();
    }

    private void schedule() {
        synchronized (this) {
            if (draining || closed) {
                return;
            }
            draining = true;
        }
        pool.execute(this::drain);
    }

    private void drain() {
        while (true) {
            LiveSnapshot s;
            List<LiveFeedEvent> events;
            long skipped;
            synchronized (this) {
                s = snapshot;
                snapshot = null;
                events = new ArrayList<>(feed);
                feed.clear();
                skipped = dropped;
                dropped = 0;
                if (closed || (s == null && events.isEmpty())) {
                    draining = false;
                    return;
                }
            }
            try {
                if (!events.isEmpty()) {
                    listener.feed(events, skipped);
                }
                if (s != null) {
                    listener.snapshot(s);
                }
            } catch (Exception e) {
                LOG.debug("live client of project {} gone: {}", project, e.toString());
                close();
                return;
            }
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            snapshot = null;
            feed.clear();
        }
        onClose.run();
        listener.closed();
    }
}
