package io.streamlytics.console.live.service;

import io.streamlytics.console.base.concurrent.DaemonThreads;
import io.streamlytics.console.live.domain.LiveFeedEvent;
import io.streamlytics.console.live.domain.LiveSnapshot;
import io.streamlytics.core.metrics.LiveMetricsLayout;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Service;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.XReadParams;
import redis.clients.jedis.resps.StreamEntry;

/**
 * Pushes live updates to every subscriber of a project. One watcher thread per project with
 * subscribers waits on the project's two Redis streams (update notices, live feed) with a blocking
 * {@code XREAD}, reads a snapshot once per notice and hands it to every subscriber; so Redis work
 * grows with projects watched, not with clients. Without notices (no traffic, or the job or Redis
 * away) a snapshot still goes out every second, so clients see time pass and staleness show.
 */
@Service
public class LiveHub implements DisposableBean, SmartLifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(LiveHub.class);
    private static final int BLOCK_MILLIS = 1000;
    private static final int FEED_BACKLOG = 100;

    private final JedisPooled redis;
    private final LiveMetricsReader reader;
    private final Clock clock;
    private final ExecutorService pool;
    private final Map<Long, Watcher> watchers = new ConcurrentHashMap<>();

    public LiveHub(JedisPooled redis, LiveMetricsReader reader, Clock clock) {
        this.redis = redis;
        this.reader = reader;
        this.clock = clock;
        this.pool = Executors.newCachedThreadPool(DaemonThreads.named("live-delivery-"));
    }

    /**
     * Subscribes to a project's live updates. The listener first gets the feed events after {@code
     * resumeAfter} (the id of the last one it saw before reconnecting; empty for the newest few),
     * then the current snapshot, then every change.
     */
    public LiveSubscription subscribe(long project, String resumeAfter, LiveListener listener) {
        LiveSubscription[] self = new LiveSubscription[1];
        LiveSubscription subscription =
                new LiveSubscription(project, listener, pool, () -> unsubscribe(self[0]));
        self[0] = subscription;
        // a new watcher reads from where the streams are now; so whatever this read misses, it
        // delivers, and the subscription drops what both deliver
        watchers.compute(project, (p, w) -> w == null || !w.alive() ? new Watcher(p) : w);
        List<LiveFeedEvent> missed = reader.feed(project, resumeAfter, FEED_BACKLOG);
        if (!missed.isEmpty()) {
            subscription.offer(missed);
        }
        subscription.offer(reader.snapshot(project));
        watchers.compute(
                project,
                (p, watcher) -> {
                    Watcher w = watcher == null || !watcher.alive() ? new Watcher(p) : watcher;
                    w.subscribers.add(subscription);
                    return w;
                });
        return subscription;
    }

    private void unsubscribe(LiveSubscription subscription) {
        watchers.computeIfPresent(
                subscription.project(),
                (p, watcher) -> {
                    watcher.subscribers.remove(subscription);
                    return watcher;
                });
    }

    private volatile boolean running;

    @Override
    public void start() {
        running = true;
    }

    /**
     * Ends every stream before the web server's graceful shutdown, which would otherwise wait for
     * them (Server-Sent Events and WebSockets never finish by themselves).
     */
    @Override
    public void stop() {
        running = false;
        watchers.values().forEach(w -> List.copyOf(w.subscribers).forEach(LiveSubscription::close));
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public void destroy() {
        watchers.values().forEach(w -> w.subscribers.forEach(LiveSubscription::close));
        watchers.clear();
        pool.shutdownNow();
    }

    /** Waits on one project's streams while it has subscribers. */
    private final class Watcher implements Runnable {
        final long project;
        final Set<LiveSubscription> subscribers = ConcurrentHashMap.newKeySet();
        private final Thread thread;
        private volatile boolean running = true;

        private StreamEntryID lastUpdate;
        private StreamEntryID lastEvent;

        Watcher(long project) {
            this.project = project;
            // read from where the streams are now, not from when the thread first gets to XREAD:
            // what is added in between must not be missed
            this.lastUpdate = newestId(LiveMetricsLayout.updates(project));
            this.lastEvent = newestId(LiveMetricsLayout.events(project));
            this.thread = new Thread(this, "live-watch-" + project);
            thread.setDaemon(true);
            thread.start();
        }

        boolean alive() {
            return running;
        }

        @Override
        public void run() {
            String updates = LiveMetricsLayout.updates(project);
            String events = LiveMetricsLayout.events(project);
            long lastSnapshot = 0;
            int idleRounds = 0;
            while (running) {
                if (subscribers.isEmpty()) {
                    // linger a little: a client reconnecting finds its watcher still there
                    if (++idleRounds > 5) {
                        stopIfStillIdle();
                        continue;
                    }
                } else {
                    idleRounds = 0;
                }
                boolean changed = false;
                try {
                    List<Map.Entry<String, List<StreamEntry>>> read =
                            redis.xread(
                                    XReadParams.xReadParams().block(BLOCK_MILLIS).count(500),
                                    Map.of(updates, lastUpdate, events, lastEvent));
                    if (read != null) {
                        for (Map.Entry<String, List<StreamEntry>> stream : read) {
                            List<StreamEntry> entries = stream.getValue();
                            if (entries.isEmpty()) {
                                continue;
                            }
                            StreamEntryID newest = entries.get(entries.size() - 1).getID();
                            if (stream.getKey().equals(updates)) {
                                lastUpdate = newest;
                                changed = true;
                            } else {
                                List<LiveFeedEvent> feed =
                                        entries.stream().map(reader::feedEvent).toList();
                                lastEvent = newest;
                                subscribers.forEach(s -> s.offer(feed));
                            }
                        }
                    }
                } catch (JedisException e) {
                    LOG.debug("live watch of project {}: {}", project, e.getMessage());
                    sleep();
                }
                long now = clock.millis();
                if (changed || now - lastSnapshot >= 1000) {
                    LiveSnapshot snapshot = reader.snapshot(project);
                    subscribers.forEach(s -> s.offer(snapshot));
                    lastSnapshot = now;
                }
            }
        }

        private StreamEntryID newestId(String stream) {
            try {
                List<StreamEntry> newest = redis.xrevrange(stream, "+", "-", 1);
                return newest.isEmpty() ? new StreamEntryID(0, 0) : newest.get(0).getID();
            } catch (JedisException e) {
                return StreamEntryID.XREAD_NEW_ENTRY;
            }
        }

        private void stopIfStillIdle() {
            watchers.computeIfPresent(
                    project,
                    (p, w) -> {
                        if (w == this && subscribers.isEmpty()) {
                            running = false;
                            return null;
                        }
                        return w;
                    });
        }

        private void sleep() {
            try {
                Thread.sleep(BLOCK_MILLIS);
            } catch (InterruptedException e) {
                running = false;
            }
        }
    }
}
