package io.streamlytics.collector.enrich;

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

    private static final class Holder {
        static final UserAgentAnalyzer ANALYZER =
                UserAgentAnalyzer.newBuilder()
                        .hideMatcherLoadStats()
                        .withCache(20_000)
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
