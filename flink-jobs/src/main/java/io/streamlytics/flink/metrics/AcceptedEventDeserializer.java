package io.streamlytics.flink.metrics;

import io.streamlytics.core.event.Event;
import io.streamlytics.core.event.EventCodec;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Decodes event records ({@code events.raw}, {@code events.enriched}) in the Kafka source itself,
 * so watermarks are made there per partition: a partition that lags (after a restart, under
 * back-pressure) holds the watermark back instead of having its events counted as late. Records
 * that do not decode are skipped; the event pipeline sends them to the DLQ.
 */
final class AcceptedEventDeserializer implements KafkaRecordDeserializationSchema<Event> {
    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<Event> out) {
        try {
            out.collect(EventCodec.fromJson(record.value()));
        } catch (IllegalArgumentException e) {
            // the pipeline's to report
        }
    }

    @Override
    public TypeInformation<Event> getProducedType() {
        return TypeInformation.of(Event.class);
    }
}
