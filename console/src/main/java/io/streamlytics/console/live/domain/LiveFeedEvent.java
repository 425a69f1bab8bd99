package io.streamlytics.console.live.domain;

/**
 * One event of the sampled live feed.
 *
 * @param id its position in the feed (a Redis stream id): a client that reconnects passes the last
 *     one it saw to resume after it
 */
public record LiveFeedEvent(
        String id,
        String event,
        String distinctId,
        long timestamp,
        String page,
        String country,
        String device) {}
