package io.streamlytics.flink.metrics;

import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.memory.Memory;

/**
 * The state of one metric in one minute. Sketches are kept serialized, so the state is the same
 * bytes on the heap and in RocksDB: HyperLogLog (lgK 12, about 1.6% error) for distinct ids, KLL (k
 * 200, about 1.3% rank error) per measure for percentiles.
 */
public class MinuteAggregate {
    static final int HLL_LG_K = 12;

    public long count;
    public byte[] uniques;
    public MeasureState[] measures = new MeasureState[0];

    public MinuteAggregate() {}

    /** One measure's running sum and quantiles sketch. */
    public static class MeasureState {
        public String name;
        public long count;
        public double sum;
        public byte[] sketch;

        public MeasureState() {}
    }

    void add(MetricPartial partial) {
        count += partial.count;
        HllSketch hll = uniques == null ? new HllSketch(HLL_LG_K) : HllSketch.heapify(uniques);
        for (String id : partial.distinctIds) {
            hll.update(id);
        }
        uniques = hll.toUpdatableByteArray();
        for (MeasurePartial values : partial.measures) {
            MeasureState state = measure(values.name);
            KllDoublesSketch kll =
                    state.sketch == null
                            ? KllDoublesSketch.newHeapInstance()
                            : KllDoublesSketch.heapify(Memory.wrap(state.sketch));
            for (double v : values.values) {
                kll.update(v);
                state.sum += v;
            }
            state.count += values.values.length;
            state.sketch = kll.toByteArray();
        }
    }

    private MeasureState measure(String name) {
        for (MeasureState m : measures) {
            if (m.name.equals(name)) {
                return m;
            }
        }
        MeasureState m = new MeasureState();
        m.name = name;
        MeasureState[] grown = java.util.Arrays.copyOf(measures, measures.length + 1);
        grown[measures.length] = m;
        measures = grown;
        return m;
    }

    long uniquesEstimate() {
        return uniques == null ? 0 : Math.round(HllSketch.heapify(uniques).getEstimate());
    }

    MeasureValue[] measureValues() {
        MeasureValue[] values = new MeasureValue[measures.length];
        for (int i = 0; i < measures.length; i++) {
            MeasureState m = measures[i];
            KllDoublesSketch kll = KllDoublesSketch.heapify(Memory.wrap(m.sketch));
            MeasureValue v = new MeasureValue();
            v.name = m.name;
            v.count = m.count;
            v.sum = m.sum;
            v.p50 = kll.getQuantile(0.5);
            v.p95 = kll.getQuantile(0.95);
            v.sketch = m.sketch;
            values[i] = v;
        }
        return values;
    }
}
