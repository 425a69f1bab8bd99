package io.streamlytics.flink.rules;

import io.streamlytics.ceprules.rule.RuleEvent;
import io.streamlytics.ceprules.rule.RuleEvents;
import io.streamlytics.core.event.EventCodec;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Events of {@code events.enriched} as rule events, decoded in the Kafka source so watermarks are
 * made per partition. Records that do not decode are the event pipeline's to report (it wrote
 * them); they are skipped here.
 */
public final class RuleEventDeserializer implements KafkaRecordDeserializationSchema<RuleEvent> {
    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<RuleEvent> out) {
        try {
            out.collect(RuleEvents.of(EventCodec.fromJson(record.value())));
        } catch (IllegalArgumentException e) {
            // not an event: skipped, see above
        }
    }

    @Override
    public TypeInformation<RuleEvent> getProducedType() {
        return TypeInformation.of(RuleEvent.class);
    }
}
