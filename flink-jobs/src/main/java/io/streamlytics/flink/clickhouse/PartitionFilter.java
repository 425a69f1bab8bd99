package io.streamlytics.flink.clickhouse;

import java.io.Serializable;

/** A WHERE condition that limits a token lookup to the batch's partition, so it scans only that. */
@FunctionalInterface
public interface PartitionFilter extends Serializable {
    String where(String partition);
}
