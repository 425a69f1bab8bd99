package io.streamlytics.core.text;

import java.time.Duration;

/**
 * Lengths of time written as a number and a unit: {@code 30s}, {@code 10m}, {@code 1h}, {@code
 * 14d}, {@code 2w}; as the query model and the rule format write them.
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

    /**
     * As {@link #parse}, where zero is also meaningful ({@code 0s}: "at once"), as in alert
     * policies' waits.
     */
    public static Duration parseOrZero(String text) {
        if (text != null && text.matches("0+[smhdw]")) {
            return Duration.ZERO;
        }
        return parse(text);
    }

    /** The shortest such spelling of {@code d} in s, m, h or d: "5m", "1h", "90s". */
    public static String format(Duration d) {
        long s = d.toSeconds();
        if (s % 86_400 == 0) {
            return s / 86_400 + "d";
        }
        if (s % 3600 == 0) {
            return s / 3600 + "h";
        }
        return s % 60 == 0 ? s / 60 + "m" : s + "s";
    }
}
