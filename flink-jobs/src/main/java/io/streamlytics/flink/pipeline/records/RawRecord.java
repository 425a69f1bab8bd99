package io.streamlytics.flink.pipeline.records;

/** A Kafka record as read, before decoding: what goes to the DLQ when it cannot be decoded. */
public class RawRecord {
    public String topic;
    public int partition;
    public long offset;
    public byte[] value;

    public RawRecord() {}

    public RawRecord(String topic, int partition, long offset, byte[] value) {
        this.topic = topic;
        this.partition = partition;
        this.offset = offset;
        this.value = value;
    }
}
