package io.streamlytics.console.live.service;

import io.streamlytics.console.live.domain.LiveFeedEvent;
import io.streamlytics.console.live.domain.LiveSnapshot;
import java.util.List;

/**
 * Receives a project's live updates from the {@link LiveHub}. Calls come from a pool thread, one at
 * a time per subscription; a call may block (a slow socket) without holding up anyone else.
 */
public interface LiveListener {
    void snapshot(LiveSnapshot snapshot) throws Exception;

    /** Feed events in order; {@code dropped} counts those skipped because this client was slow. */
    void feed(List<LiveFeedEvent> events, long dropped) throws Exception;

    /** The subscription ended: the listener failed, or the hub is shutting down. */
    default void closed() {}
}
