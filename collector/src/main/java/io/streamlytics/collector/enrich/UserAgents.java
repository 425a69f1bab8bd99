package io.streamlytics.collector.enrich;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import nl.basjes.parse.useragent.UserAgent;
import nl.basjes.parse.useragent.UserAgentAnalyzer;

/**
 * Parses user agents with Yauaa. The analyzer is built once per JVM (it takes seconds) and caches
 * results, since a site sees the same few thousand user agents over and over.
 */
public final class UserAgents {
    /** Browser, OS and device class of one user agent. */
    public record Parsed(
            String browser, String browserVersion, String os, String osVersion, String deviceType) {
        static final Parsed UNKNOWN = new Parsed("", "", "", "", "");
    }

    /** Answers for user agents seen before: a lookup here costs a tenth of Yauaa's own cache. */
    private static final Cache<String, Parsed> SEEN =
            Caffeine.newBuilder().maximumSize(20_000).build();

    private static final class Holder {
        static final UserAgentAnalyzer ANALYZER =
                UserAgentAnalyzer.newBuilder()
                        .hideMatcherLoadStats()
                        .withoutCache()
                        .withFields(
                                UserAgent.AGENT_NAME,
                                UserAgent.AGENT_VERSION_MAJOR,
                                UserAgent.OPERATING_SYSTEM_NAME,
                                UserAgent.OPERATING_SYSTEM_VERSION_MAJOR,
                                UserAgent.DEVICE_CLASS)
                        .build();
    }

    private UserAgents() {}

    /** Builds the analyzer now rather than on the first request. */
    public static void warmUp() {
        parse("Mozilla/5.0");
    }

    public static Parsed parse(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return Parsed.UNKNOWN;
        }
        return SEEN.get(userAgent, UserAgents::analyze);
    }

    private static Parsed analyze(String userAgent) {
        UserAgent.ImmutableUserAgent agent = Holder.ANALYZER.parse(userAgent);
        return new Parsed(
                known(agent.getValue(UserAgent.AGENT_NAME)),
                known(agent.getValue(UserAgent.AGENT_VERSION_MAJOR)),
                known(agent.getValue(UserAgent.OPERATING_SYSTEM_NAME)),
                known(agent.getValue(UserAgent.OPERATING_SYSTEM_VERSION_MAJOR)),
                known(agent.getValue(UserAgent.DEVICE_CLASS)));
    }

    private static String known(String value) {
        return value == null || value.startsWith("Unknown") || value.equals("??") ? "" : value;
    }
}
