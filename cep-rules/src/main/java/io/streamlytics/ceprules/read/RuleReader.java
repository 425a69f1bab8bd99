package io.streamlytics.ceprules.read;

import com.networknt.schema.Schema;
import io.streamlytics.ceprules.rule.Aggregate;
import io.streamlytics.ceprules.rule.AlertSpec;
import io.streamlytics.ceprules.rule.Key;
import io.streamlytics.ceprules.rule.Predicate;
import io.streamlytics.ceprules.rule.Rule;
import io.streamlytics.ceprules.rule.Step;
import io.streamlytics.ceprules.rule.Times;
import io.streamlytics.core.text.Durations;
import io.streamlytics.core.text.JsonSchemas;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.PatternSyntaxException;
import tools.jackson.databind.JsonNode;

/**
 * Reads a rule from YAML (or JSON, which is YAML): checks it against {@code schemas/rule.v1.json},
 * then what a schema cannot say (unique step names, where a negation may stand, regexes that
 * compile), and reports every problem with its line and column. Thread-safe.
 */
public final class RuleReader {
    private static final Duration WEEK = Duration.ofDays(7);

    private final Schema schema = JsonSchemas.load(RuleReader.class, "/schemas/rule.v1.json");

    public Rule read(String yaml) {
        LocatedYaml doc = LocatedYaml.parse(yaml);
        List<RuleProblem> problems = new ArrayList<>();
        for (JsonSchemas.Finding f : JsonSchemas.findings(schema, doc.tree())) {
            problems.add(at(doc, f.path(), f.message()));
        }
        if (!problems.isEmpty()) {
            throw new InvalidRuleException(problems);
        }
        Rule rule = new Building(doc, problems).rule();
        if (!problems.isEmpty()) {
            throw new InvalidRuleException(problems);
        }
        return rule;
    }

    private static RuleProblem at(LocatedYaml doc, String path, String message) {
        int[] where = doc.locate(path);
        return new RuleProblem(where[0], where[1], path, message);
    }

    /** One document's model, collecting what is wrong with it on the way. */
    private static final class Building {
        private final LocatedYaml doc;
        private final List<RuleProblem> problems;

        Building(LocatedYaml doc, List<RuleProblem> problems) {
            this.doc = doc;
            this.problems = problems;
        }

        Rule rule() {
            JsonNode root = doc.tree();
            Rule.Type type =
                    Rule.Type.valueOf(root.path("type").asString().toUpperCase(Locale.ROOT));
            boolean sequence = root.has("steps");
            Key key = key(root.get("key"), sequence ? Key.PERSON : Key.PROJECT);
            Duration within = duration(root.get("within"));
            List<Step> steps = null;
            Aggregate aggregate = null;
            if (sequence) {
                steps = steps(root.path("steps"), type);
                if (within == null) {
                    problem(
                            "within",
                            "required for a rule with steps: partial matches are kept at most this"
                                    + " long");
                }
            } else {
                if (type == Rule.Type.FUNNEL) {
                    problem("aggregate", "a funnel has steps; aggregates are for alerts");
                }
                if (within != null) {
                    problem("within", "is for rules with steps; an aggregate has its window");
                }
                aggregate = aggregate(root.path("aggregate"));
            }
            if (type == Rule.Type.FUNNEL && root.has("alert")) {
                problem("alert", "is for alert rules");
            }
            return new Rule(
                    root.path("id").asString(),
                    root.path("name").asString(root.path("id").asString()),
                    type,
                    key,
                    within,
                    steps,
                    aggregate,
                    alert(root.get("alert"), sequence));
        }

        private List<Step> steps(JsonNode array, Rule.Type type) {
            List<Step> steps = new ArrayList<>();
            Set<String> names = new HashSet<>();
            for (int i = 0; i < array.size(); i++) {
                JsonNode s = array.get(i);
                String path = "steps." + i;
                String name = s.path("name").asString();
                if (!names.add(name)) {
                    problem(path + ".name", "\"" + name + "\" names another step too");
                }
                Step.Contiguity after =
                        Step.Contiguity.valueOf(
                                s.path("after").asString("relaxed").toUpperCase(Locale.ROOT));
                boolean absent = s.path("absent").asBoolean(false);
                boolean optional = s.path("optional").asBoolean(false);
                Times times = times(s.get("times"), path + ".times");
                if (i == 0 && (absent || optional)) {
                    problem(path, "the first step cannot be absent or optional");
                }
                if (absent) {
                    if (type == Rule.Type.FUNNEL) {
                        problem(
                                path + ".absent",
                                "a funnel's steps all happen; negation is for alerts");
                    }
                    if (optional || !times.once()) {
                        problem(path, "an absent step cannot be optional or repeat");
                    }
                    if (after == Step.Contiguity.ANY) {
                        problem(path + ".after", "an absent step follows relaxed or strict");
                    }
                    if (i > 0 && steps.get(i - 1).absent()) {
                        problem(path, "two absent steps in a row cannot be told apart; merge them");
                    }
                }
                if (absent && i == array.size() - 1 && s.has("within")) {
                    problem(
                            path + ".within",
                            "an absent last step's deadline is the rule's within, from the first"
                                    + " step");
                }
                if (optional && i == array.size() - 1) {
                    problem(path + ".optional", "the last step cannot be optional");
                }
                steps.add(
                        new Step(
                                name,
                                s.path("event").asString(),
                                where(s.path("where"), path + ".where"),
                                after,
                                duration(s.get("within")),
                                times,
                                optional,
                                absent));
            }
            if (type == Rule.Type.FUNNEL && steps.size() < 2) {
                problem("steps", "a funnel has at least two steps");
            }
            return List.copyOf(steps);
        }

        private Times times(JsonNode node, String path) {
            if (node == null) {
                return Times.ONCE;
            }
            if (node.isString()) {
                return Times.ONE_OR_MORE;
            }
            if (node.isIntegralNumber()) {
                return new Times(node.asInt(), node.asInt());
            }
            int min = node.path("min").asInt();
            int max = node.path("max").asInt();
            if (min > max) {
                problem(path, "min (" + min + ") is more than max (" + max + ")");
            }
            return new Times(min, max);
        }

        private Aggregate aggregate(JsonNode a) {
            Duration window = duration(a.get("window"));
            JsonNode when = a.path("when");
            Aggregate.Condition condition;
            if (when.has("change")) {
                JsonNode c = when.path("change");
                condition =
                        new Aggregate.Change(
                                c.path("percent").asDouble(),
                                Aggregate.Change.Direction.valueOf(
                                        c.path("direction")
                                                .asString("any")
                                                .toUpperCase(Locale.ROOT)));
            } else if (when.has("anomaly")) {
                JsonNode an = when.path("anomaly");
                if ("ewma".equals(an.path("baseline").asString())) {
                    condition =
                            new Aggregate.Ewma(
                                    an.path("alpha").asDouble(0.3),
                                    an.path("deviations").asDouble(3),
                                    an.path("warmup").asInt(5));
                } else {
                    if (WEEK.toSeconds() % window.toSeconds() != 0) {
                        problem(
                                "aggregate.window",
                                "same_hour_last_week needs a window that divides a week evenly"
                                        + " (1m, 5m, 1h, 1d …)");
                    }
                    condition = new Aggregate.SameHourLastWeek(an.path("factor").asDouble(2));
                }
            } else if (when.has("absent")) {
                condition = new Aggregate.Absence();
            } else {
                condition =
                        new Aggregate.Threshold(
                                when.has("above") ? when.path("above").asDouble() : null,
                                when.has("below") ? when.path("below").asDouble() : null);
            }
            JsonNode m = a.path("measure");
            Aggregate.Measure measure =
                    m.isObject()
                            ? new Aggregate.Measure(
                                    Aggregate.Measure.Kind.SUM, m.path("sum").asString())
                            : new Aggregate.Measure(
                                    Aggregate.Measure.Kind.valueOf(
                                            m.asString("count").toUpperCase(Locale.ROOT)),
                                    null);
            return new Aggregate(
                    a.path("event").asString(),
                    where(a.path("where"), "aggregate.where"),
                    measure,
                    window,
                    condition);
        }

        private List<Predicate> where(JsonNode array, String path) {
            List<Predicate> where = new ArrayList<>();
            for (int i = 0; i < array.size(); i++) {
                JsonNode p = array.get(i);
                Predicate.Op op =
                        Predicate.Op.valueOf(p.path("op").asString().toUpperCase(Locale.ROOT));
                int before = problems.size();
                List<Object> values = new ArrayList<>();
                JsonNode value = p.get("value");
                boolean needsValue = op != Predicate.Op.IS_SET && op != Predicate.Op.IS_NOT_SET;
                if (value == null && needsValue) {
                    problem(path + "." + i + ".value", "required for " + p.path("op").asString());
                }
                if (value != null) {
                    for (JsonNode v : value.isArray() ? value : List.of(value)) {
                        values.add(v.isNumber() ? v.decimalValue() : v.asString());
                    }
                }
                boolean single =
                        op == Predicate.Op.REGEX
                                || op == Predicate.Op.GT
                                || op == Predicate.Op.GTE
                                || op == Predicate.Op.LT
                                || op == Predicate.Op.LTE;
                if (single && values.size() > 1) {
                    problem(path + "." + i + ".value", "takes one value, not a list");
                }
                if (op == Predicate.Op.REGEX && values.size() == 1) {
                    try {
                        java.util.regex.Pattern.compile(String.valueOf(values.get(0)));
                    } catch (PatternSyntaxException e) {
                        problem(
                                path + "." + i + ".value",
                                "not a regular expression: " + e.getDescription());
                    }
                }
                if (single && op != Predicate.Op.REGEX && values.size() == 1 && !value.isNumber()) {
                    problem(path + "." + i + ".value", "must be a number");
                }
                if (problems.size() == before) {
                    // a predicate is built only once it is sound: it compiles its regex then
                    where.add(new Predicate(p.path("property").asString(), op, values));
                }
            }
            return List.copyOf(where);
        }

        private Key key(JsonNode node, Key fallback) {
            if (node == null) {
                return fallback;
            }
            if (node.isObject()) {
                return new Key(Key.Kind.PROPERTY, node.path("property").asString());
            }
            return new Key(Key.Kind.valueOf(node.asString().toUpperCase(Locale.ROOT)), null);
        }

        private AlertSpec alert(JsonNode node, boolean sequence) {
            if (node == null) {
                return AlertSpec.DEFAULT;
            }
            Duration holdFor = duration(node.get("for"));
            Duration resolveAfter = duration(node.get("resolve_after"));
            if (sequence && holdFor != null) {
                problem(
                        "alert.for",
                        "is for aggregates: a sequence's match has no condition that lasts");
            }
            if (!sequence && resolveAfter != null) {
                problem(
                        "alert.resolve_after",
                        "is for sequences: an aggregate's alert resolves when its condition ends");
            }
            return new AlertSpec(
                    AlertSpec.Severity.valueOf(
                            node.path("severity").asString("warning").toUpperCase(Locale.ROOT)),
                    node.path("summary").asString(""),
                    node.path("policy").asString(""),
                    holdFor == null ? Duration.ZERO : holdFor,
                    resolveAfter == null ? AlertSpec.DEFAULT_RESOLVE_AFTER : resolveAfter);
        }

        private static Duration duration(JsonNode node) {
            return node == null ? null : Durations.parse(node.asString());
        }

        private void problem(String path, String message) {
            problems.add(at(doc, path, message));
        }
    }
}
