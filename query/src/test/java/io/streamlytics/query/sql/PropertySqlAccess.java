package io.streamlytics.query.sql;

/** Test access to the JSON escaping the compiler uses. */
public final class PropertySqlAccess {
    private PropertySqlAccess() {}

    /** {@code text} as a JSON string literal. */
    public static String jsonString(String text) {
        return "\"" + PropertySql.jsonEscaped(text) + "\"";
    }
}
