package io.streamlytics.flink.pipeline.functions;

import io.streamlytics.core.event.Event;
import io.streamlytics.core.event.EventCodec;
import io.streamlytics.flink.pipeline.records.RawRecord;
import java.nio.charset.StandardCharsets;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Decodes {@code events.raw} records; what cannot be decoded goes to the DLQ side output. */
public final class DecodeEvent extends ProcessFunction<RawRecord, Event> {
    public static final OutputTag<byte[]> UNDECODABLE = new OutputTag<>("undecodable") {};
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Override
    public void processElement(RawRecord record, Context ctx, Collector<Event> out) {
        try {
            out.collect(EventCodec.fromJson(record.value));
        } catch (IllegalArgumentException e) {
            ObjectNode letter = JSON.createObjectNode();
            letter.put("v", 1);
            letter.put("endpoint", "flink:event-pipeline");
            letter.put("reason", e.getMessage());
            letter.put("source", record.topic + "/" + record.partition + "@" + record.offset);
            letter.put(
                    "payload",
                    record.value == null ? "" : new String(record.value, StandardCharsets.UTF_8));
            ctx.output(UNDECODABLE, JSON.writeValueAsBytes(letter));
        }
    }
}
