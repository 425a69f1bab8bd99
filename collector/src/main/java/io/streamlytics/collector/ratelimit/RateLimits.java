package io.streamlytics.collector.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.OptionalLong;

/**
 * Token buckets (Bucket4j) per client IP, counting requests, and per write key, counting events.
 * Each allows a burst of twice its rate. Buckets of idle clients are dropped after ten minutes.
 */
public final class RateLimits {
    private final int requestsPerSecondPerIp;
    private final int eventsPerSecondPerKey;
    private final Cache<String, Bucket> ips = buckets();
    private final Cache<String, Bucket> keys = buckets();

    public RateLimits(int requestsPerSecondPerIp, int eventsPerSecondPerKey) {
        this.requestsPerSecondPerIp = requestsPerSecondPerIp;
        this.eventsPerSecondPerKey = eventsPerSecondPerKey;
    }

    /** Empty when the request may go on; else the seconds to wait before retrying. */
    public OptionalLong request(String ip) {
        return take(ips.get(ip, k -> bucket(requestsPerSecondPerIp)), 1);
    }

    /** Empty when the events may go on; else the seconds to wait before retrying. */
    public OptionalLong events(String writeKey, int count) {
        Bucket bucket = keys.get(writeKey, k -> bucket(eventsPerSecondPerKey));
        // a batch bigger than the whole burst can never pass: let it through on an empty bucket
        int tokens = (int) Math.min(count, 2L * eventsPerSecondPerKey);
        return take(bucket, tokens);
    }

    private static OptionalLong take(Bucket bucket, int tokens) {
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(tokens);
        if (probe.isConsumed()) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(
                Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L));
    }

    private static Bucket bucket(int perSecond) {
        return Bucket.builder()
                .addLimit(
                        limit ->
                                limit.capacity(2L * perSecond)
                                        .refillGreedy(perSecond, Duration.ofSeconds(1)))
                .build();
    }

    private static Cache<String, Bucket> buckets() {
        return Caffeine.newBuilder()
                .maximumSize(1_000_000)
                .expireAfterAccess(Duration.ofMinutes(10))
                .build();
    }
}
