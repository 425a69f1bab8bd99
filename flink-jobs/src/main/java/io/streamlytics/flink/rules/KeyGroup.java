package io.streamlytics.flink.rules;

import io.streamlytics.ceprules.rule.Key;
import io.streamlytics.ceprules.rule.ProjectRule;
import io.streamlytics.ceprules.rule.RuleEvent;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * What the rules sharing one key need to see, chained to the source before their one exchange: an
 * event passes when one of them can react to it, stripped to the properties they read, so that the
 * exchange and every rule's buffered events carry only that.
 *
 * <p>An event behind the watermark here is behind it in every rule downstream too, which leaves it
 * out: the metric {@code lateEvents} counts those, to tell whether the lateness allowed ({@code
 * ANALYTICS_RULES_LATENESS_MS}) fits the SDKs' delays.
 */
final class KeyGroup extends ProcessFunction<RuleEvent, RuleEvent> {
    private final List<RuleScope> scopes;
    private final Set<String> properties = new HashSet<>();
    private transient Counter late;

    KeyGroup(List<ProjectRule> rules) {
        this.scopes = rules.stream().map(RuleScope::new).toList();
        rules.forEach(rule -> properties.addAll(rule.rule().propertiesUsed()));
    }

    /** The name a key's exchange and operators go by: person, session, project, property-plan. */
    static String name(Key key) {
        return key.kind() == Key.Kind.PROPERTY
                ? "property-" + key.property()
                : key.kind().name().toLowerCase(Locale.ROOT);
    }

    @Override
    public void open(OpenContext context) {
        late = getRuntimeContext().getMetricGroup().counter("lateEvents");
    }

    @Override
    public void processElement(RuleEvent event, Context ctx, Collector<RuleEvent> out) {
        for (RuleScope scope : scopes) {
            if (scope.filter(event)) {
                if (event.timestamp <= ctx.timerService().currentWatermark()) {
                    late.inc();
                }
                out.collect(stripped(event));
                return;
            }
        }
    }

    /** Events passed behind the watermark so far (this subtask). */
    long lateCount() {
        return late.getCount();
    }

    private RuleEvent stripped(RuleEvent event) {
        RuleEvent copy = new RuleEvent();
        copy.projectId = event.projectId;
        copy.insertId = event.insertId;
        copy.event = event.event;
        copy.person = event.person;
        copy.session = event.session;
        copy.timestamp = event.timestamp;
        copy.receivedAt = event.receivedAt;
        Map<String, String> kept = new HashMap<>(properties.size() * 2);
        for (String name : properties) {
            String value = event.properties.get(name);
            if (value != null) {
                kept.put(name, value);
            }
        }
        copy.properties = kept;
        return copy;
    }
}
