package io.streamlytics.flink.redis;

import java.io.Serializable;

/** Turns one element into Redis writes on the backlog. */
@FunctionalInterface
public interface RedisWrites<T> extends Serializable {
    void add(T element, RedisBacklog backlog);
}
