package io.streamlytics.collector.auth;

import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.streamlytics.core.postgres.Projects;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Resolves write keys to projects. Answers are cached briefly so the metadata database is not on
 * every request's path; a revoked key stops working within {@code ttl}.
 */
public final class WriteKeys {
    private final AsyncLoadingCache<String, Optional<Projects.Project>> cache;

    public WriteKeys(Projects projects, Duration ttl, Executor executor) {
        this.cache =
                Caffeine.newBuilder()
                        .maximumSize(100_000)
                        .expireAfterWrite(ttl)
                        .executor(executor)
                        .buildAsync(projects::findByWriteKey);
    }

    public CompletableFuture<Optional<Projects.Project>> project(String writeKey) {
        return cache.get(writeKey);
    }
}
