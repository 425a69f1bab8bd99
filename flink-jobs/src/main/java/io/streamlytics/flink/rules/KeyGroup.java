package io.streamlytics.flink.rules;

import io.streamlytics.ceprules.rule.Key;
import io.streamlytics.ceprules.rule.ProjectRule;
import io.streamlytics.ceprules.rule.RuleEvent;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

/**
 * What the rules sharing one key need to see, chained to the source before their one exchange: an
 * event passes when one of them can react to it, stripped to the properties they read, so that the
 * exchange and every rule's buffered events carry only that.
 */
final class KeyGroup implements FlatMapFunction<RuleEvent, RuleEvent> {
    private final List<RuleScope> scopes;
    private final Set<String> properties = new HashSet<>();

    KeyGroup(List<ProjectRule> rules) {
        this.scopes = rules.stream().map(RuleScope::new).toList();
        rules.forEach(rule -> properties.addAll(rule.rule().propertiesUsed()));
    }

    /** The name a key's exchange and operators go by: person, session, project, property-plan. */
    static String name(Key key) {
        return key.kind() == Key.Kind.PROPERTY
                ? "property-" + key.property()
                : key.kind().name().toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public void flatMap(RuleEvent event, Collector<RuleEvent> out) {
        for (RuleScope scope : scopes) {
            if (scope.filter(event)) {
                out.collect(stripped(event));
                return;
            }
        }
    }

    private RuleEvent stripped(RuleEvent event) {
        RuleEvent copy = new RuleEvent();
        copy.projectId = event.projectId;
        copy.insertId = event.insertId;
        copy.event = event.event;
        copy.person = event.person;
        copy.session = event.session;
        copy.timestamp = event.timestamp;
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
