package io.streamlytics.console.segments.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import io.streamlytics.console.insights.domain.Filter;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * One condition of a segment (docs/query-model.md, Segments): did an event n times in a window,
 * active on n days, first seen within, has a property, or a preset; optionally negated.
 */
class ConditionRow extends HorizontalLayout {
    static final String DID = "did an event";
    static final String ACTIVE = "was active on";
    static final String FIRST_SEEN = "was first seen within";
    static final String HAS = "has a property";
    static final String PRESET = "is in the preset";
    static final List<String> KINDS = List.of(DID, ACTIVE, FIRST_SEEN, HAS, PRESET);
    static final List<String> WINDOWS = List.of("1d", "7d", "14d", "30d", "60d", "90d");
    static final List<String> PRESETS =
            List.of(
                    "new",
                    "active_daily",
                    "active_weekly",
                    "active_monthly",
                    "returning",
                    "dormant",
                    "power_users",
                    "paying");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    final Checkbox not = new Checkbox("not");
    final Select<String> kind = new Select<>();
    final ComboBox<String> event = new ComboBox<>("Event");
    final IntegerField atLeast = new IntegerField("at least (times)");
    final IntegerField days = new IntegerField("days");
    final Select<String> window = new Select<>();
    final TextField property = new TextField("Property");
    final Select<String> op = new Select<>();
    final TextField value = new TextField("Value");
    final Select<String> preset = new Select<>();

    ConditionRow(List<String> events, Runnable remove) {
        addClassName("segment-condition");
        setAlignItems(FlexComponent.Alignment.BASELINE);
        setWrap(true);
        kind.setLabel("Who");
        kind.setItems(KINDS);
        kind.setValue(DID);
        kind.addClassName("condition-kind");
        event.setItems(events);
        event.setAllowCustomValue(true);
        event.addCustomValueSetListener(e -> event.setValue(e.getDetail()));
        event.addClassName("condition-event");
        atLeast.setMin(1);
        atLeast.setValue(1);
        atLeast.addClassName("condition-at-least");
        days.setMin(1);
        days.setValue(3);
        window.setLabel("in the last");
        window.setItems(WINDOWS);
        window.setValue("30d");
        window.addClassName("condition-window");
        property.addClassName("condition-property");
        op.setLabel("is");
        op.setItems(Filter.OPERATORS);
        op.setValue("equals");
        value.addClassName("condition-value");
        preset.setLabel("Preset");
        preset.setItems(PRESETS);
        preset.setValue("active_weekly");
        preset.addClassName("condition-preset");
        Button drop = new Button("Remove", e -> remove.run());
        drop.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        add(not, kind, event, atLeast, days, window, property, op, value, preset, drop);
        kind.addValueChangeListener(e -> showFields());
        showFields();
    }

    private void showFields() {
        String k = kind.getValue();
        event.setVisible(k.equals(DID));
        atLeast.setVisible(k.equals(DID));
        days.setVisible(k.equals(ACTIVE));
        window.setVisible(k.equals(DID) || k.equals(ACTIVE) || k.equals(FIRST_SEEN));
        property.setVisible(k.equals(HAS));
        op.setVisible(k.equals(HAS));
        value.setVisible(k.equals(HAS));
        preset.setVisible(k.equals(PRESET));
    }

    /** The condition as the segment definition writes it. */
    ObjectNode toJson() {
        ObjectNode condition = JSON.createObjectNode();
        switch (kind.getValue()) {
            case DID -> {
                condition.putObject("did").put("event", blankIsAny(event.getValue()));
                condition.put("at_least", atLeast.getValue() == null ? 1 : atLeast.getValue());
                condition.put("in_last", window.getValue());
            }
            case ACTIVE ->
                    condition
                            .put("active_days", days.getValue() == null ? 1 : days.getValue())
                            .put("in_last", window.getValue());
            case FIRST_SEEN -> condition.put("first_seen_within", window.getValue());
            case HAS ->
                    condition.set(
                            "has",
                            new Filter(property.getValue(), op.getValue(), value.getValue())
                                    .toJson());
            default -> condition.put("preset", preset.getValue());
        }
        if (!not.getValue()) {
            return condition;
        }
        ObjectNode negated = JSON.createObjectNode();
        negated.set("not", condition);
        return negated;
    }

    /** Fills the row from a condition of a definition; false when it is not one row's kind. */
    boolean fill(JsonNode condition) {
        JsonNode c = condition;
        if (c.has("not") && !isGroup(c.path("not"))) {
            not.setValue(true);
            c = c.path("not");
        }
        if (c.has("did")) {
            kind.setValue(DID);
            event.setValue(c.path("did").path("event").asString("*"));
            atLeast.setValue(c.path("at_least").asInt(1));
            window.setValue(known(c.path("in_last").asString("30d")));
        } else if (c.has("active_days")) {
            kind.setValue(ACTIVE);
            days.setValue(c.path("active_days").asInt(1));
            window.setValue(known(c.path("in_last").asString("30d")));
        } else if (c.has("first_seen_within")) {
            kind.setValue(FIRST_SEEN);
            window.setValue(known(c.path("first_seen_within").asString("7d")));
        } else if (c.has("has")) {
            kind.setValue(HAS);
            Filter filter = Filter.fromJson(c.path("has"));
            property.setValue(filter.property());
            op.setValue(filter.op());
            value.setValue(filter.value());
        } else if (c.has("preset")) {
            kind.setValue(PRESET);
            preset.setValue(c.path("preset").asString());
        } else {
            return false;
        }
        return true;
    }

    static boolean isGroup(JsonNode node) {
        return node.has("and") || node.has("or");
    }

    private static String known(String window) {
        return WINDOWS.contains(window) ? window : "30d";
    }

    private static String blankIsAny(String event) {
        return event == null || event.isBlank() ? "*" : event.strip();
    }

    static Map<String, String> labels() {
        return Map.of("and", "all of", "or", "any of");
    }
}
