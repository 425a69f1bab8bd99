package io.streamlytics.console.exports.domain;

/** A column of an export: its name and how its values are written. */
public record Column(String name, Type type) {
    public enum Type {
        /** text */
        STRING,
        /** whole numbers */
        LONG,
        /** epoch seconds, written as a UTC timestamp */
        TIMESTAMP,
        /** JSON text: an object in NDJSON, text in CSV and Parquet */
        JSON
    }

    public static Column string(String name) {
        return new Column(name, Type.STRING);
    }
}
