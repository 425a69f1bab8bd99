package io.streamlytics.collector.enrich;

import io.streamlytics.core.event.Event;
import io.streamlytics.core.event.EventContext;
import io.streamlytics.core.postgres.Projects;
import io.vertx.core.http.HttpServerRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What the collector adds to an accepted event: user agent and IP from the request when the SDK did
 * not send them, the project's IP policy, parsed user agent, campaign and referrer, and flags for
 * timestamps far from the time we received the event.
 */
public final class Enricher {
    static final Duration FUTURE_TOLERANCE = Duration.ofHours(1);
    static final Duration PAST_TOLERANCE = Duration.ofDays(30);

    private final boolean trustForwardedFor;
    private final Countries countries;

    /**
     * @param trustForwardedFor take the client IP from X-Forwarded-For (behind a trusted proxy)
     */
    public Enricher(boolean trustForwardedFor) {
        this(trustForwardedFor, Countries.NONE);
    }

    /**
     * @param countries where a client IP's country is looked up
     */
    public Enricher(boolean trustForwardedFor, Countries countries) {
        this.trustForwardedFor = trustForwardedFor;
        this.countries = countries;
    }

    /** What the request says about the client, for events that do not say it themselves. */
    public record Client(String userAgent, String ip) {
        public static final Client UNKNOWN = new Client("", "");
    }

    /**
     * The client of a request: its User-Agent header and address (or X-Forwarded-For, if trusted).
     */
    public Client client(HttpServerRequest request) {
        String agent = request.getHeader("User-Agent");
        return new Client(agent == null ? "" : agent, clientIp(request));
    }

    public Event enrich(Event event, Projects.Project project, Client client) {
        EventContext c = event.context;
        if (c.userAgent.isEmpty()) {
            c.userAgent = client.userAgent();
        }
        String ip = c.ip.isEmpty() ? client.ip() : c.ip;
        if (c.country.isEmpty()) {
            c.country = countries.of(ip); // before the IP is truncated or dropped
        }
        c.ip = IpAnonymizer.apply(project.ipMode(), ip);
        UserAgents.Parsed agent = UserAgents.parse(c.userAgent);
        c.browser = agent.browser();
        c.browserVersion = agent.browserVersion();
        c.os = agent.os();
        c.osVersion = agent.osVersion();
        c.deviceType = agent.deviceType();
        Campaigns.fill(c);
        event.flags = flags(event);
        return event;
    }

    static String flags(Event event) {
        List<String> flags = new ArrayList<>(2);
        if (event.timestamp > event.receivedAt + FUTURE_TOLERANCE.toMillis()) {
            flags.add("future_timestamp");
        }
        if (event.timestamp < event.receivedAt - PAST_TOLERANCE.toMillis()) {
            flags.add("old_timestamp");
        }
        return String.join(",", flags);
    }

    private String clientIp(HttpServerRequest request) {
        if (trustForwardedFor) {
            String forwarded = request.getHeader("X-Forwarded-For");
            if (forwarded != null && !forwarded.isBlank()) {
                return forwarded.split(",")[0].strip();
            }
        }
        var address = request.remoteAddress();
        return address == null || address.hostAddress() == null ? "" : address.hostAddress();
    }
}
