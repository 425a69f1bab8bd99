package io.streamlytics.console.alerts.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.timepicker.TimePicker;
import io.streamlytics.console.access.domain.Actor;
import io.streamlytics.console.alerts.domain.MaintenanceWindow;
import io.streamlytics.console.alerts.service.AlertDesk;
import io.streamlytics.core.text.Durations;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.springframework.security.access.AccessDeniedException;

/**
 * The project's weekly maintenance windows (quiet times for planned work, no notices while one is
 * on): the list with Delete, and a form to add one.
 */
class MaintenanceWindows extends VerticalLayout {
    private final AlertDesk desk;
    private final Actor actor;
    private final Consumer<String> say;
    private final Grid<MaintenanceWindow> list = new Grid<>();
    final TextField name = new TextField("Name");
    final TextField rule = new TextField("Rule");
    final CheckboxGroup<DayOfWeek> days = new CheckboxGroup<>("Every");
    final TimePicker start = new TimePicker("From");
    final Select<String> length = new Select<>();
    final ComboBox<String> zone = new ComboBox<>("Timezone");
    private final Button add = new Button("Add window", e -> add());
    private Long project;

    MaintenanceWindows(AlertDesk desk, Actor actor, Consumer<String> say) {
        this.desk = desk;
        this.actor = actor;
        this.say = say;
        setPadding(false);
        list.setId("window-list");
        list.setAllRowsVisible(true);
        list.addThemeVariants(GridVariant.LUMO_COMPACT);
        list.addColumn(MaintenanceWindow::name).setHeader("Window").setAutoWidth(true);
        list.addColumn(w -> w.ruleId() == null ? "every rule" : w.ruleId())
                .setHeader("Rule")
                .setAutoWidth(true);
        list.addColumn(MaintenanceWindows::when).setHeader("When").setFlexGrow(1);
        list.addComponentColumn(
                        w -> {
                            Button delete = new Button("Delete", e -> delete(w));
                            delete.addThemeVariants(
                                    ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR);
                            delete.setEnabled(actor.role().canEdit());
                            return delete;
                        })
                .setAutoWidth(true);
        name.setId("window-name");
        rule.setId("window-rule");
        rule.setHelperText("empty: every rule");
        days.setId("window-days");
        days.setItems(DayOfWeek.values());
        days.setItemLabelGenerator(d -> d.getDisplayName(TextStyle.SHORT, Locale.ENGLISH));
        start.setId("window-start");
        start.setValue(LocalTime.of(2, 0));
        length.setId("window-length");
        length.setLabel("For");
        length.setItems("30m", "1h", "2h", "4h", "8h", "12h", "1d");
        length.setValue("2h");
        zone.setId("window-zone");
        zone.setItems(ZoneId.getAvailableZoneIds().stream().sorted().toList());
        zone.setValue("UTC");
        add.setId("add-window");
        HorizontalLayout form = new HorizontalLayout(name, rule, days, start, length, zone, add);
        form.setAlignItems(FlexComponent.Alignment.BASELINE);
        form.setWrap(true);
        add(list, form);
    }

    /** The project's windows, read again. */
    void show(Long projectId) {
        project = projectId;
        list.setItems(desk.windows(actor, project));
        add.setEnabled(actor.role().canEdit());
    }

    void add() {
        try {
            MaintenanceWindow made =
                    desk.createWindow(
                            actor,
                            project,
                            name.getValue(),
                            rule.getValue(),
                            days.getValue().stream()
                                    .sorted()
                                    .map(d -> d.name().substring(0, 3).toLowerCase(Locale.ROOT))
                                    .toList(),
                            start.getValue() == null ? null : start.getValue().toString(),
                            length.getValue(),
                            zone.getValue());
            say.accept("Added " + made.name() + ": " + when(made) + ".");
            show(project);
        } catch (IllegalArgumentException | AccessDeniedException e) {
            say.accept(e.getMessage());
        }
    }

    void delete(MaintenanceWindow window) {
        try {
            desk.deleteWindow(actor, project, window.id());
            say.accept("Deleted " + window.name() + ".");
            show(project);
        } catch (AccessDeniedException e) {
            say.accept(e.getMessage());
        }
    }

    /** "Sat, Sun 02:00 for 2h (Europe/Paris)". */
    static String when(MaintenanceWindow w) {
        List<String> days =
                w.days().stream()
                        .sorted()
                        .map(d -> d.getDisplayName(TextStyle.SHORT, Locale.ENGLISH))
                        .toList();
        return days.stream().collect(Collectors.joining(", "))
                + " "
                + w.starts()
                + " for "
                + Durations.format(w.duration())
                + " ("
                + w.zone().getId()
                + ")";
    }
}
