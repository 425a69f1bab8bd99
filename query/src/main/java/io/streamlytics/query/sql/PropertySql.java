package io.streamlytics.query.sql;

import io.streamlytics.core.clickhouse.Sql;
import io.streamlytics.query.model.PropertyRef;
import java.util.Map;

/**
 * How a property is read in SQL. Built-in names ({@code $browser}, {@code $pathname}, …) are
 * columns of {@code events}; any other name is looked up in the event's {@code properties} (or the
 * person's {@code person_properties}) JSON with {@code visitParamExtract*}, which both ClickHouse
 * 18.16 and current servers have. The name reaches SQL only as a quoted literal of its JSON-escaped
 * form, so any name is safe.
 *
 * <p>visitParam functions find the first {@code "name":} in the text, also inside nested objects: a
 * top-level property and a nested one of the same name are not told apart.
 */
public final class PropertySql {
    static final Map<String, String> COLUMNS =
            Map.ofEntries(
                    Map.entry("$browser", "browser"),
                    Map.entry("$browser_version", "browser_version"),
                    Map.entry("$os", "os"),
                    Map.entry("$os_version", "os_version"),
                    Map.entry("$device_type", "device_type"),
                    Map.entry("$country", "country"),
                    Map.entry("$pathname", "page_path"),
                    Map.entry("$current_url", "page_url"),
                    Map.entry("$title", "page_title"),
                    Map.entry("$referrer", "page_referrer"),
                    Map.entry("$referring_domain", "referrer_domain"),
                    Map.entry("$utm_source", "utm_source"),
                    Map.entry("$utm_medium", "utm_medium"),
                    Map.entry("$utm_campaign", "utm_campaign"),
                    Map.entry("$utm_term", "utm_term"),
                    Map.entry("$utm_content", "utm_content"),
                    Map.entry("$library", "library_name"),
                    Map.entry("$locale", "locale"),
                    Map.entry("$session_id", "session_id"),
                    Map.entry("$event", "event"),
                    Map.entry("distinct_id", "distinct_id"));

    private PropertySql() {}

    /** The value as text: strings unquoted, numbers and booleans as written, '' when absent. */
    public static String string(PropertyRef ref) {
        String column = column(ref);
        if (column != null) {
            return column;
        }
        // visitParamExtractRaw gives up on some strings with escapes that
        // visitParamExtractString reads well, so strings come from the latter; a number or
        // boolean has no string form and comes raw; the empty string is raw "".
        String text = "visitParamExtractString(" + json(ref) + ", " + key(ref) + ")";
        String raw = raw(ref);
        return "multiIf(" + text + " != '', " + text + ", " + raw + " = '\"\"', '', " + raw + ")";
    }

    /** The value as a number, NULL when absent or not a number. */
    public static String number(PropertyRef ref) {
        return "toFloat64OrNull(" + string(ref) + ")";
    }

    /** 1 when the property is present (a column: not empty). */
    public static String isSet(PropertyRef ref) {
        String column = column(ref);
        return column != null
                ? "(" + column + " != '')"
                : "visitParamHas(" + json(ref) + ", " + key(ref) + ")";
    }

    private static String raw(PropertyRef ref) {
        return "visitParamExtractRaw(" + json(ref) + ", " + key(ref) + ")";
    }

    /** The column of {@code events} a built-in property is, or null for a JSON property. */
    public static String column(PropertyRef ref) {
        return ref.source() == PropertyRef.Source.EVENT ? COLUMNS.get(ref.name()) : null;
    }

    private static String json(PropertyRef ref) {
        return ref.source() == PropertyRef.Source.PERSON ? "person_properties" : "properties";
    }

    /** The name as the pipeline's JSON writer spells the key, as a SQL literal. */
    static String key(PropertyRef ref) {
        return Sql.quote(jsonEscaped(ref.name()));
    }

    static String jsonEscaped(String name) {
        StringBuilder out = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04X", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
