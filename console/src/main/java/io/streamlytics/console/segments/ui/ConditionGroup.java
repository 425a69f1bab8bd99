package io.streamlytics.console.segments.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Conditions joined by AND ("all of") or OR ("any of"), holding conditions and groups of their own,
 * as deep as the definition goes.
 */
class ConditionGroup extends VerticalLayout {
    static final int MAX_DEPTH = 4;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    final Select<String> mode = new Select<>();
    private final VerticalLayout items = new VerticalLayout();
    private final List<String> events;
    private final int depth;

    ConditionGroup(List<String> events, int depth, Runnable remove) {
        this.events = events;
        this.depth = depth;
        addClassName("segment-group");
        setPadding(depth > 0);
        getStyle()
                .set("border-left", depth > 0 ? "3px solid var(--lumo-contrast-20pct)" : "none")
                .set("margin-left", depth > 0 ? "var(--lumo-space-m)" : "0");
        mode.setItems("and", "or");
        mode.setItemLabelGenerator(m -> ConditionRow.labels().get(m));
        mode.setValue("and");
        mode.addClassName("group-mode");
        mode.setLabel(depth == 0 ? "People who match" : "and who match");
        items.setPadding(false);
        items.setSpacing(false);
        Button condition = new Button("Add condition", e -> addCondition());
        condition.addClassName("add-condition");
        condition.addThemeVariants(ButtonVariant.LUMO_SMALL);
        HorizontalLayout actions = new HorizontalLayout(condition);
        if (depth + 1 < MAX_DEPTH) {
            Button group = new Button("Add group", e -> addGroup());
            group.addClassName("add-group");
            group.addThemeVariants(ButtonVariant.LUMO_SMALL);
            actions.add(group);
        }
        if (remove != null) {
            Button drop = new Button("Remove group", e -> remove.run());
            drop.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
            actions.add(drop);
        }
        actions.setAlignItems(FlexComponent.Alignment.BASELINE);
        add(mode, items, actions);
    }

    ConditionRow addCondition() {
        ConditionRow[] row = new ConditionRow[1];
        row[0] = new ConditionRow(events, () -> items.remove(row[0]));
        items.add(row[0]);
        return row[0];
    }

    ConditionGroup addGroup() {
        ConditionGroup[] group = new ConditionGroup[1];
        group[0] = new ConditionGroup(events, depth + 1, () -> items.remove(group[0]));
        group[0].addCondition();
        items.add(group[0]);
        return group[0];
    }

    /** {@code {"and": [...]}} or {@code {"or": [...]}}. */
    ObjectNode toJson() {
        ObjectNode group = JSON.createObjectNode();
        ArrayNode list = group.putArray(mode.getValue());
        items.getChildren()
                .forEach(
                        c -> {
                            if (c instanceof ConditionRow row) {
                                list.add(row.toJson());
                            } else if (c instanceof ConditionGroup inner) {
                                list.add(inner.toJson());
                            }
                        });
        return group;
    }

    /** The group of a definition's {@code match}; a lone condition becomes a group of one. */
    void fill(JsonNode match) {
        items.removeAll();
        if (!ConditionRow.isGroup(match)) {
            addCondition().fill(match);
            return;
        }
        String joined = match.has("and") ? "and" : "or";
        mode.setValue(joined);
        for (JsonNode item : match.path(joined)) {
            if (ConditionRow.isGroup(item) && depth + 1 < MAX_DEPTH) {
                ConditionGroup inner = addGroup();
                inner.fill(item);
            } else if (!addCondition().fill(item)) {
                items.remove(items.getComponentAt(items.getComponentCount() - 1));
            }
        }
    }

    List<Component> children() {
        return items.getChildren().toList();
    }
}
