package io.streamlytics.core.clickhouse;

import java.util.regex.Pattern;

/**
 * Escaping for ClickHouse SQL text. ClickHouse 18.16 has no server-side query parameters, so every
 * value from outside is either a validated identifier or a quoted literal made here.
 */
public final class Sql {
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");

    private Sql() {}

    /** A single-quoted string literal; backslash and quote are escaped as ClickHouse requires. */
    public static String quote(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('\'');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\'' -> out.append("\\'");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\0' -> out.append("\\0");
                default -> out.append(c);
            }
        }
        return out.append('\'').toString();
    }

    /** A database or table name, checked so it can be placed in SQL text as is. */
    public static String identifier(String name) {
        if (name == null || !IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException("not a valid ClickHouse identifier: " + name);
        }
        return name;
    }
}
