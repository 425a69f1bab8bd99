package io.streamlytics.collector.auth;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Finds the write key of a request where the SDKs put it: HTTP Basic with the key as user name
 * (Segment), {@code Authorization: Bearer <key>}, or a {@code write_key} / {@code api_key} field of
 * the body (PostHog, browser beacons).
 */
public final class WriteKeyExtractor {
    private WriteKeyExtractor() {}

    public static Optional<String> fromAuthorization(String header) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        String value = header.strip();
        if (value.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return nonEmpty(value.substring(7).strip());
        }
        if (value.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String decoded =
                        new String(
                                Base64.getDecoder().decode(value.substring(6).strip()),
                                StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                return nonEmpty(colon < 0 ? decoded : decoded.substring(0, colon));
            } catch (IllegalArgumentException notBase64) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static Optional<String> nonEmpty(String key) {
        return key.isEmpty() ? Optional.empty() : Optional.of(key);
    }
}
