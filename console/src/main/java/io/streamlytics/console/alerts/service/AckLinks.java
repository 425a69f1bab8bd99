package io.streamlytics.console.alerts.service;

import io.streamlytics.console.base.delivery.Hmac;
import io.streamlytics.core.config.PlatformConfig;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Acknowledge links for notifications: {@code /alerts/ack/{id}?expires=…&signature=…}, signed with
 * HMAC-SHA256 by {@code ANALYTICS_ALERTS_SECRET}, so that whoever holds the message can stop the
 * escalation without logging in, for a week.
 */
@Component
public class AckLinks {
    static final Duration VALID_FOR = Duration.ofDays(7);
    private static final Logger LOG = LoggerFactory.getLogger(AckLinks.class);

    private final byte[] key;
    private final String base;
    private final Clock clock;

    AckLinks(PlatformConfig config, Clock clock) {
        String secret = config.alerts().signingSecret();
        if (secret.isEmpty()) {
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            this.key = random;
            LOG.warn(
                    "ANALYTICS_ALERTS_SECRET is not set: acknowledge links are signed with a key of"
                            + " this process and stop working when it restarts");
        } else {
            this.key = secret.getBytes(StandardCharsets.UTF_8);
        }
        this.base = config.alerts().linkBase(config.console().port());
        this.clock = clock;
    }

    /** The link that acknowledges alert {@code id}. */
    public String link(long id) {
        long expires = clock.instant().plus(VALID_FOR).getEpochSecond();
        return base
                + "/alerts/ack/"
                + id
                + "?expires="
                + expires
                + "&signature="
                + sign(id, expires);
    }

    /** Whether the link's signature is ours and it has not expired. */
    public boolean valid(long id, long expires, String signature) {
        if (signature == null || Instant.ofEpochSecond(expires).isBefore(clock.instant())) {
            return false;
        }
        return MessageDigest.isEqual(
                sign(id, expires).getBytes(StandardCharsets.US_ASCII),
                signature.getBytes(StandardCharsets.US_ASCII));
    }

    private String sign(long id, long expires) {
        return HexFormat.of().formatHex(Hmac.sha256(key, "ack:" + id + ":" + expires));
    }
}
