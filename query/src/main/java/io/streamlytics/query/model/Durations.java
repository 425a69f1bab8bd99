package io.streamlytics.query.model;

import java.time.Duration;

/**
 * Lengths of time written as a number and a unit: {@code 30s}, {@code 10m}, {@code 1h}, {@code
 * 14d}, {@code 2w}.
 */
public final class Durations {
    private Durations() {}

    public static Duration parse(String text) {
        if (text == null || !text.matches("[1-9][0-9]{0,5}[smhdw]")) {
            throw new IllegalArgumentException(
                    "not a duration: "
                            + text
                            + " (expected a number and s, m, h, d or w, like 14d)");
        }
        long n = Long.parseLong(text.substring(0, text.length() - 1));
        return switch (text.charAt(text.length() - 1)) {
            case 's' -> Duration.ofSeconds(n);
            case 'm' -> Duration.ofMinutes(n);
            case 'h' -> Duration.ofHours(n);
            case 'd' -> Duration.ofDays(n);
            default -> Duration.ofDays(7 * n);
        };
    }
}
