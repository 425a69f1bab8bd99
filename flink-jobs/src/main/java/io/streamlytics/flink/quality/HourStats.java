package io.streamlytics.flink.quality;

/** One hour of one event name, as {@link DataQualityCheck} collects it. */
public class HourStats {
    public long events;
    public long invalid;

    /** Rejections by reason, a JSON object (few distinct reasons). */
    public String invalidReasons = "{}";

    /** Per {@link QualitySample#KEY_FIELDS}: how many accepted events had it empty. */
    public long[] empty = new long[QualitySample.KEY_FIELDS.length];

    /** Property names first seen this hour, newline-separated. */
    public String newProperties = "";

    /** Type changes seen this hour ({@code name: string→number}), newline-separated. */
    public String typeChanges = "";

    public HourStats() {}
}
