package io.streamlytics.query.model;

/** What a trends series counts per bucket; the property ones need {@code property}. */
public record Aggregation(Type type, PropertyRef property) {
    public enum Type {
        TOTAL,
        UNIQUE_USERS,
        PER_USER_AVERAGE,
        SUM,
        AVG,
        MIN,
        MAX,
        P50,
        P90,
        P99,
        /** Distinct people active in the day (1), the 7 days (WAU) or 30 days (MAU) ending then. */
        DAU,
        WAU,
        MAU,
        /** How many people were active on exactly n of the range's buckets, for each n. */
        STICKINESS;

        public boolean needsProperty() {
            return ordinal() >= SUM.ordinal() && ordinal() <= P99.ordinal();
        }

        public boolean rolling() {
            return this == DAU || this == WAU || this == MAU;
        }
    }

    public static Aggregation total() {
        return new Aggregation(Type.TOTAL, null);
    }
}
