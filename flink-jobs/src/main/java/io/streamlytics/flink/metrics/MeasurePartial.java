package io.streamlytics.flink.metrics;

/** The values of one numeric property within a {@link MetricPartial}. */
public class MeasurePartial {
    public String name;
    public double[] values;

    public MeasurePartial() {}

    MeasurePartial(String name, double[] values) {
        this.name = name;
        this.values = values;
    }
}
