package io.streamlytics.ceprules.compile;

/**
 * An exponentially weighted moving average and variance of a key's windows (Finch, "Incremental
 * calculation of weighted mean and variance", 2009). A plain POJO for Flink state.
 */
public class Baseline {
    public double mean;
    public double variance;
    public int windows;

    public Baseline() {}

    /**
     * Whether {@code value} is further than {@code deviations} standard deviations from the mean.
     */
    boolean far(double value, double deviations) {
        double sd = Math.sqrt(variance);
        return sd == 0 ? value != mean : Math.abs(value - mean) > deviations * sd;
    }

    void add(double value, double alpha) {
        if (windows == 0) {
            mean = value;
        } else {
            double diff = value - mean;
            double increment = alpha * diff;
            mean += increment;
            variance = (1 - alpha) * (variance + diff * increment);
        }
        windows++;
    }
}
