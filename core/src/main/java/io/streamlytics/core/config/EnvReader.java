package io.streamlytics.core.config;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads typed values from environment-style keys and collects every problem, so that one start
 * reports all wrong keys at once instead of the first.
 */
final class EnvReader {
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");

    private final Map<String, String> env;
    private final List<String> problems = new ArrayList<>();

    EnvReader(Map<String, String> env) {
        this.env = env;
    }

    String string(String key, String fallback) {
        String value = env.get(key);
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    int port(String key, int fallback) {
        return intIn(key, fallback, 1, 65535, "a TCP port number between 1 and 65535");
    }

    int intIn(String key, int fallback, int min, int max, String expected) {
        String value = env.get(key);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        problems.add(key + "='" + value + "': expected " + expected);
        return fallback;
    }

    boolean bool(String key, boolean fallback) {
        String value = env.get(key);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        switch (value.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes", "1" -> {
                return true;
            }
            case "false", "no", "0" -> {
                return false;
            }
            default -> {
                problems.add(key + "='" + value + "': expected true or false");
                return fallback;
            }
        }
    }

    /** A time-zone id such as Europe/Berlin; empty when unset. */
    String zone(String key) {
        String value = string(key, "");
        if (value.isEmpty()) {
            return value;
        }
        try {
            return java.time.ZoneId.of(value).getId();
        } catch (java.time.DateTimeException e) {
            problems.add(
                    key + "='" + value + "': expected a time-zone id such as Europe/Berlin or UTC");
            return "";
        }
    }

    String identifier(String key, String fallback) {
        String value = string(key, fallback);
        if (!IDENTIFIER.matcher(value).matches()) {
            problems.add(
                    key
                            + "='"
                            + value
                            + "': expected a name of letters, digits and '_' that starts with a letter");
            return fallback;
        }
        return value;
    }

    /** An optional URL with one of the given schemes; empty when unset. */
    String url(String key, String... schemes) {
        String value = string(key, "");
        if (value.isEmpty()) {
            return value;
        }
        for (String scheme : schemes) {
            if (value.startsWith(scheme + "://") || value.startsWith(scheme + ":")) {
                try {
                    URI.create(value.replaceFirst("^jdbc:", ""));
                    return value;
                } catch (IllegalArgumentException e) {
                    break;
                }
            }
        }
        problems.add(
                key
                        + "='"
                        + value
                        + "': expected a URL starting with "
                        + String.join(" or ", schemes)
                        + "://");
        return "";
    }

    /**
     * A comma-separated subset of {@code allowed}; empty or unset gives {@code fallback}. Unknown
     * names are a problem that names the allowed ones.
     */
    java.util.Set<String> subset(
            String key, java.util.Set<String> allowed, java.util.Set<String> fallback) {
        String value = env.get(key);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        java.util.Set<String> chosen = new java.util.LinkedHashSet<>();
        for (String part : value.split(",")) {
            String name = part.strip().toLowerCase(java.util.Locale.ROOT);
            if (!allowed.contains(name)) {
                problems.add(
                        key
                                + ": '"
                                + name
                                + "' is not one of "
                                + String.join(", ", new java.util.TreeSet<>(allowed)));
            }
            chosen.add(name);
        }
        return java.util.Set.copyOf(chosen);
    }

    void check(boolean ok, String problem) {
        if (!ok) {
            problems.add(problem);
        }
    }

    void throwIfInvalid() {
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
    }
}
