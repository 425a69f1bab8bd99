package io.streamlytics.flink.pipeline.functions;

import io.streamlytics.flink.identity.IdentityMessage;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Lets the first event with a given insert id through and drops repeats seen within {@code window}
 * (client retries, SDK re-sends, collector retries after a partial batch). Keyed by distinct id
 * ({@link IdentityMessage#key}) like the identity step after it, so the two chain without a
 * shuffle; a retry repeats the whole event, distinct id included. Each insert id's entry expires
 * {@code window} after it was written. Merges pass through.
 */
public final class DeduplicateByInsertId
        extends KeyedProcessFunction<String, IdentityMessage, IdentityMessage> {
    private final Duration window;
    private transient MapState<String, Boolean> seen;

    public DeduplicateByInsertId(Duration window) {
        this.window = window;
    }

    @Override
    public void open(OpenContext context) {
        MapStateDescriptor<String, Boolean> descriptor =
                new MapStateDescriptor<>("seen-insert-ids", String.class, Boolean.class);
        descriptor.enableTimeToLive(
                StateTtlConfig.newBuilder(window)
                        .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
                        .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired)
                        .build());
        seen = getRuntimeContext().getMapState(descriptor);
    }

    @Override
    public void processElement(IdentityMessage message, Context ctx, Collector<IdentityMessage> out)
            throws Exception {
        if (message.event == null) {
            out.collect(message);
            return;
        }
        String insertId = message.event.insertId;
        if (!seen.contains(insertId)) {
            seen.put(insertId, Boolean.TRUE);
            out.collect(message);
        }
    }
}
