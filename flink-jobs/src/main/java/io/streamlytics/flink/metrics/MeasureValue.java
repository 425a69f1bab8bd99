package io.streamlytics.flink.metrics;

/** A numeric property within a {@link MinuteMetric}: count of values, sum, p50, p95. */
public class MeasureValue {
    public String name;
    public long count;
    public double sum;
    public double p50;
    public double p95;

    /** The serialized KLL quantiles sketch, so wider windows can merge minutes exactly as here. */
    public byte[] sketch;

    public MeasureValue() {}
}
