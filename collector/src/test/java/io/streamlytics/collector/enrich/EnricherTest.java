package io.streamlytics.collector.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamlytics.core.event.Event;
import io.streamlytics.core.postgres.Projects;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class EnricherTest {
    private static final Projects.Project TRUNCATE = new Projects.Project(1, "p", "truncate");
    private final Enricher enricher = new Enricher(false);

    private static Event event(long timestamp, long receivedAt) {
        Event e = new Event();
        e.timestamp = timestamp;
        e.receivedAt = receivedAt;
        return e;
    }

    @Test
    void flagsTimestampsFarFromReceiveTime() {
        long now = 1_800_000_000_000L;
        assertThat(enricher.enrich(event(now, now), TRUNCATE, Enricher.Client.UNKNOWN).flags)
                .isEmpty();
        assertThat(
                        enricher.enrich(
                                        event(now + Duration.ofHours(2).toMillis(), now),
                                        TRUNCATE,
                                        Enricher.Client.UNKNOWN)
                                .flags)
                .isEqualTo("future_timestamp");
        assertThat(
                        enricher.enrich(
                                        event(now - Duration.ofDays(31).toMillis(), now),
                                        TRUNCATE,
                                        Enricher.Client.UNKNOWN)
                                .flags)
                .isEqualTo("old_timestamp");
    }

    @Test
    void fillsUserAgentIpCampaignAndReferrerFromWhatItKnows() {
        Event e = event(1, 1);
        e.context.pageUrl =
                "https://www.shop.example/sale?utm_source=news&utm_medium=email&utm_campaign=black%20friday";
        e.context.pageReferrer = "https://www.google.com/search?q=shop";

        enricher.enrich(
                e,
                TRUNCATE,
                new Enricher.Client(
                        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
                        "2001:db8:85a3::8a2e:370:7334"));

        assertThat(e.context.utmSource).isEqualTo("news");
        assertThat(e.context.utmCampaign).isEqualTo("black friday");
        assertThat(e.context.pagePath).isEqualTo("/sale");
        assertThat(e.context.referrerDomain).isEqualTo("google.com");
        assertThat(e.context.deviceType).isEqualTo("Phone");
        assertThat(e.context.os).isEqualTo("iOS");
        assertThat(e.context.ip).isEqualTo("2001:db8:85a3:0:0:0:0:0");
    }

    @Test
    void aReferrerOnTheSameSiteIsNotAReferrer() {
        Event e = event(1, 1);
        e.context.pageUrl = "https://shop.example/b";
        e.context.pageReferrer = "https://www.shop.example/a";

        enricher.enrich(e, TRUNCATE, Enricher.Client.UNKNOWN);

        assertThat(e.context.referrerDomain).isEmpty();
    }

    @Test
    void ipPolicies() {
        assertThat(IpAnonymizer.apply("keep", "203.0.113.77")).isEqualTo("203.0.113.77");
        assertThat(IpAnonymizer.apply("truncate", "203.0.113.77")).isEqualTo("203.0.113.0");
        assertThat(IpAnonymizer.apply("drop", "203.0.113.77")).isEmpty();
        assertThat(IpAnonymizer.apply("truncate", "not-an-ip.example")).isEmpty();
    }
}
