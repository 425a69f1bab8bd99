package io.streamlytics.flink.identity;

import io.streamlytics.core.event.Event;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Keyed by person ({@link #key}): applies each event's {@code $set} (overwrite) and {@code
 * $set_once} (only where absent) to the person's properties, and stamps the properties as of the
 * event on it. A new person, or one whose properties changed, goes to {@link #PERSONS} for
 * ClickHouse {@code persons}.
 */
public final class PersonProperties extends KeyedProcessFunction<String, Event, Event> {
    public static final OutputTag<PersonRow> PERSONS = new OutputTag<>("persons") {};
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String EMPTY = "{}";

    private transient ValueState<PersonState> state;

    public static String key(Event event) {
        return event.projectId + ":" + event.personId;
    }

    @Override
    public void open(OpenContext context) {
        state =
                getRuntimeContext()
                        .getState(new ValueStateDescriptor<>("person", PersonState.class));
    }

    @Override
    public void processElement(Event event, Context ctx, Collector<Event> out) throws Exception {
        PersonState person = state.value();
        boolean changed = person == null;
        if (person == null) {
            person = new PersonState();
            person.createdAt = event.timestamp;
        }
        if (!EMPTY.equals(event.set) || !EMPTY.equals(event.setOnce)) {
            ObjectNode properties = (ObjectNode) JSON.readTree(person.properties);
            boolean updated = apply(properties, event.set, true);
            updated |= apply(properties, event.setOnce, false);
            if (updated) {
                person.properties = JSON.writeValueAsString(properties);
                changed = true;
            }
        }
        if (changed) {
            person.version++;
            state.update(person);
            ctx.output(PERSONS, row(event, person));
        }
        event.personProperties = person.properties;
        out.collect(event);
    }

    private static boolean apply(ObjectNode properties, String operation, boolean overwrite) {
        if (EMPTY.equals(operation)) {
            return false;
        }
        boolean updated = false;
        for (Map.Entry<String, JsonNode> entry : JSON.readTree(operation).properties()) {
            JsonNode before = properties.get(entry.getKey());
            if (before == null || (overwrite && !before.equals(entry.getValue()))) {
                properties.set(entry.getKey(), entry.getValue());
                updated = true;
            }
        }
        return updated;
    }

    private static PersonRow row(Event event, PersonState person) {
        PersonRow row = new PersonRow();
        row.projectId = event.projectId;
        row.personId = event.personId;
        row.properties = person.properties;
        row.createdAt = person.createdAt;
        row.updatedAt = event.timestamp;
        row.version = person.version;
        return row;
    }
}
