package io.streamlytics.console.insights.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import io.streamlytics.console.insights.domain.Filter;
import java.util.ArrayList;
import java.util.List;

/** The builders' filters: rows of property, operator and value, added and removed freely. */
public class FilterEditor extends VerticalLayout {
    private final VerticalLayout rows = new VerticalLayout();

    public FilterEditor() {
        setPadding(false);
        setSpacing(false);
        rows.setPadding(false);
        rows.setSpacing(false);
        Button add = new Button("Add filter", e -> addRow(new Filter("", "equals", "")));
        add.addClassName("add-filter");
        add(rows, add);
    }

    public void setValue(List<Filter> filters) {
        rows.removeAll();
        filters.forEach(this::addRow);
    }

    @SuppressWarnings("unchecked")
    public List<Filter> value() {
        List<Filter> filters = new ArrayList<>();
        rows.getChildren()
                .map(HorizontalLayout.class::cast)
                .forEach(
                        row -> {
                            var cells = row.getChildren().toList();
                            filters.add(
                                    new Filter(
                                            ((TextField) cells.get(0)).getValue(),
                                            ((Select<String>) cells.get(1)).getValue(),
                                            ((TextField) cells.get(2)).getValue()));
                        });
        return filters;
    }

    private void addRow(Filter f) {
        TextField property = new TextField("Property");
        property.setValue(f.property());
        property.setPlaceholder("$country, plan, …");
        property.addClassName("filter-property");
        Select<String> op = new Select<>();
        op.setLabel("Is");
        op.setItems(Filter.OPERATORS);
        op.setValue(f.op());
        op.addClassName("filter-op");
        TextField value = new TextField("Value");
        value.setValue(f.value());
        value.setHelperText("a list: values, separated, by commas");
        value.addClassName("filter-value");
        HorizontalLayout row = new HorizontalLayout(property, op, value);
        row.add(new Button("Remove", e -> rows.remove(row)));
        row.setAlignItems(FlexComponent.Alignment.BASELINE);
        row.addClassName("filter-row");
        rows.add(row);
    }
}
