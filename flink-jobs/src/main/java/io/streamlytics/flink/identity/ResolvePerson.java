package io.streamlytics.flink.identity;

import io.streamlytics.core.event.Event;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Keyed by distinct id ({@link IdentityMessage#key}): remembers the person the id belongs to and
 * stamps it on the id's events. An id belongs to itself until a merge makes it join another id's
 * person. As in PostHog, an id that already joined a person is not moved again (a second merge is
 * refused and counted): that keeps one level of indirection, so every id resolves in one lookup.
 * Changes go to {@link #ALIASES} for ClickHouse {@code person_aliases}.
 */
public final class ResolvePerson extends KeyedProcessFunction<String, IdentityMessage, Event> {
    public static final OutputTag<AliasRow> ALIASES = new OutputTag<>("person-aliases") {};

    private transient ValueState<String> person;
    private transient Counter refusedMerges;

    @Override
    public void open(OpenContext context) {
        person = getRuntimeContext().getState(new ValueStateDescriptor<>("person", String.class));
        refusedMerges = getRuntimeContext().getMetricGroup().counter("identityMergesRefused");
    }

    @Override
    public void processElement(IdentityMessage message, Context ctx, Collector<Event> out)
            throws Exception {
        String current = person.value();
        if (message.event != null) {
            if (current == null) {
                current = message.distinctId;
                person.update(current);
                ctx.output(
                        ALIASES,
                        AliasRow.of(
                                message.projectId,
                                message.distinctId,
                                current,
                                AliasRow.FIRST_SEEN));
            }
            message.event.personId = current;
            out.collect(message.event);
            return;
        }
        if (current != null && !current.equals(message.distinctId)) {
            if (!current.equals(message.mergeInto)) {
                refusedMerges.inc();
            }
            return;
        }
        person.update(message.mergeInto);
        ctx.output(
                ALIASES,
                AliasRow.of(
                        message.projectId, message.distinctId, message.mergeInto, AliasRow.MERGED));
    }
}
