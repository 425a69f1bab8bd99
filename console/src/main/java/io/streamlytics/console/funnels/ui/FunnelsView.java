package io.streamlytics.console.funnels.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.streamlytics.console.access.service.ProjectAccess;
import io.streamlytics.console.base.ui.ChartOptions;
import io.streamlytics.console.base.ui.EChart;
import io.streamlytics.console.base.ui.MainLayout;
import io.streamlytics.console.funnels.domain.FunnelForm;
import io.streamlytics.console.funnels.service.DropOffSegments;
import io.streamlytics.console.insights.service.EventCatalog;
import io.streamlytics.console.insights.service.InsightQueries;
import io.streamlytics.console.insights.service.InsightStore;
import io.streamlytics.console.insights.ui.BuilderView;
import io.streamlytics.console.insights.ui.FilterEditor;
import jakarta.annotation.security.PermitAll;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.security.access.AccessDeniedException;
import tools.jackson.databind.JsonNode;

/**
 * The funnel builder: steps, the window, the order, filters and exclusions, a breakdown; shown as
 * conversion per step (with who dropped where, which can be saved as a segment), time to convert,
 * or conversion over time. The whole state is in the URL ({@code ?project=…&q=…}).
 */
@Route(value = "insights/funnels", layout = MainLayout.class)
@PageTitle("Funnels · Streamlytics")
@PermitAll
public class FunnelsView extends BuilderView {

    private final DropOffSegments segments;
    private FunnelForm form = new FunnelForm();

    private final VerticalLayout stepRows = new VerticalLayout();
    private final VerticalLayout exclusionRows = new VerticalLayout();
    private final FilterEditor filters = new FilterEditor();
    private final Select<String> range = select("Range", FunnelForm.RANGES, "range");
    private final Select<String> window = select("Window", FunnelForm.WINDOWS, "window");
    private final Select<String> order = select("Order", FunnelForm.ORDERS, "order");
    private final Select<String> view = select("Show", FunnelForm.VIEWS, "view");
    private final TextField breakdown = new TextField("Breakdown by property");
    private final Span summary = new Span();
    private final EChart drawing = new EChart("340px");
    private final Grid<StepRow> steps = new Grid<>();

    /** A step of the table: people, conversions and the median time from the step before. */
    record StepRow(
            int step,
            String event,
            long people,
            double conversion,
            double fromPrevious,
            Double medianSeconds) {}

    public FunnelsView(
            InsightQueries queries,
            InsightStore store,
            EventCatalog catalog,
            DropOffSegments segments,
            ProjectAccess access) {
        super("insights/funnels", "funnels", queries, store, catalog, access);
        this.segments = segments;
        stepRows.setPadding(false);
        stepRows.setSpacing(false);
        Button addStep = new Button("Add step", e -> addStepRow("*", ""));
        addStep.setId("add-step");
        exclusionRows.setPadding(false);
        exclusionRows.setSpacing(false);
        Button addExclusion =
                new Button(
                        "Add exclusion", e -> addExclusionRow(new FunnelForm.Exclusion("*", 1, 2)));
        addExclusion.setId("add-exclusion");
        breakdown.setId("breakdown");
        HorizontalLayout options = new HorizontalLayout(range, window, order, breakdown, view);
        options.setAlignItems(FlexComponent.Alignment.BASELINE);
        options.getStyle().set("flex-wrap", "wrap");
        summary.setId("summary");
        drawing.setId("funnel-chart");
        steps.setId("funnel-steps");
        steps.setAllRowsVisible(true);
        steps.addColumn(StepRow::step).setHeader("Step").setAutoWidth(true);
        steps.addColumn(StepRow::event).setHeader("Event").setAutoWidth(true);
        steps.addColumn(r -> String.format(Locale.ROOT, "%,d", r.people()))
                .setHeader("People")
                .setAutoWidth(true);
        steps.addColumn(r -> percent(r.conversion())).setHeader("From step 1").setAutoWidth(true);
        steps.addColumn(r -> r.step() == 1 ? "" : percent(r.fromPrevious()))
                .setHeader("From the step before")
                .setAutoWidth(true);
        steps.addColumn(r -> r.medianSeconds() == null ? "" : duration(r.medianSeconds()))
                .setHeader("Median time")
                .setAutoWidth(true);
        steps.addComponentColumn(this::dropOffButton)
                .setHeader("Who dropped here")
                .setAutoWidth(true);
        add(
                new H2("Funnels"),
                new H3("Steps"),
                stepRows,
                addStep,
                new H3("Exclusions"),
                exclusionRows,
                addExclusion,
                new H3("Filters"),
                filters,
                options,
                actions(this::run, this::save),
                status,
                summary,
                drawing,
                steps);
    }

    @Override
    protected void enter(Long projectId, String query, Map<String, List<String>> parameters) {
        open(projectId, query == null ? null : FunnelForm.fromParameter(query));
    }

    /** Shows {@code given} (null: a new funnel) for the project, and runs it when given. */
    void open(Long projectId, FunnelForm given) {
        form = given == null ? new FunnelForm() : given;
        if (!useProject(projectId)) {
            return;
        }
        stepRows.removeAll();
        for (int i = 0; i < form.steps.size(); i++) {
            addStepRow(form.steps.get(i), i < form.within.size() ? form.within.get(i) : "");
        }
        exclusionRows.removeAll();
        form.exclusions.forEach(this::addExclusionRow);
        filters.setValue(form.filters);
        range.setValue(form.range);
        window.setValue(form.window);
        order.setValue(form.order);
        view.setValue(form.view);
        breakdown.setValue(form.breakdown);
        if (given != null) {
            run();
        }
    }

    /** A step: its event, and the time it may take after the step before. */
    private void addStepRow(String event, String within) {
        ComboBox<String> picker = eventPicker("Step " + (stepRows.getComponentCount() + 1), event);
        picker.addClassName("step-event");
        Select<String> limit = new Select<>();
        limit.setLabel("within");
        limit.setItems(FunnelForm.STEP_WINDOWS);
        limit.setItemLabelGenerator(w -> w.isEmpty() ? "the funnel's window" : w);
        limit.setValue(FunnelForm.STEP_WINDOWS.contains(within) ? within : "");
        limit.addClassName("step-within");
        HorizontalLayout row = new HorizontalLayout(picker, limit);
        row.add(new Button("Remove", e -> stepRows.remove(row)));
        row.setAlignItems(FlexComponent.Alignment.BASELINE);
        stepRows.add(row);
    }

    /** An exclusion: people who did this event between two steps leave the funnel there. */
    private void addExclusionRow(FunnelForm.Exclusion exclusion) {
        ComboBox<String> picker = eventPicker("Excluded event", exclusion.event());
        picker.addClassName("exclusion-event");
        List<Integer> positions = java.util.stream.IntStream.rangeClosed(1, 30).boxed().toList();
        Select<Integer> after = new Select<>();
        after.setLabel("after step");
        after.setItems(positions);
        after.setValue(exclusion.afterStep());
        Select<Integer> before = new Select<>();
        before.setLabel("before step");
        before.setItems(positions);
        before.setValue(exclusion.beforeStep());
        HorizontalLayout row = new HorizontalLayout(picker, after, before);
        row.add(new Button("Remove", e -> exclusionRows.remove(row)));
        row.setAlignItems(FlexComponent.Alignment.BASELINE);
        exclusionRows.add(row);
    }

    @SuppressWarnings("unchecked")
    FunnelForm read() {
        FunnelForm now = new FunnelForm();
        now.steps = new ArrayList<>();
        stepRows.getChildren()
                .map(HorizontalLayout.class::cast)
                .forEach(
                        row -> {
                            String event = ((ComboBox<String>) row.getComponentAt(0)).getValue();
                            now.steps.add(event == null ? "*" : event);
                            String limit = ((Select<String>) row.getComponentAt(1)).getValue();
                            now.within.add(limit == null ? "" : limit);
                        });
        now.filters = filters.value();
        now.exclusions = new ArrayList<>();
        exclusionRows
                .getChildren()
                .map(HorizontalLayout.class::cast)
                .forEach(
                        row -> {
                            String event = ((ComboBox<String>) row.getComponentAt(0)).getValue();
                            Integer after = ((Select<Integer>) row.getComponentAt(1)).getValue();
                            Integer before = ((Select<Integer>) row.getComponentAt(2)).getValue();
                            now.exclusions.add(
                                    new FunnelForm.Exclusion(
                                            event == null ? "*" : event,
                                            after == null ? 1 : after,
                                            before == null ? 2 : before));
                        });
        now.range = range.getValue();
        now.window = window.getValue();
        now.order = order.getValue();
        now.view = view.getValue();
        now.breakdown = breakdown.getValue();
        return now;
    }

    void run() {
        if (project == null) {
            return;
        }
        form = read();
        if (form.steps.size() < 2) {
            status.setText("A funnel needs two steps or more.");
            return;
        }
        JsonNode result = ask(form.toQuery().toString(), form.toParameter(), Map.of()).orElse(null);
        if (result == null) {
            return;
        }
        status.setText("");
        switch (form.view) {
            case "time_to_convert" -> timeToConvert(result.path("timeToConvert"));
            case "trend" -> trend(result.path("trend"));
            default -> steps(result);
        }
    }

    private void steps(JsonNode result) {
        List<StepRow> rows = new ArrayList<>();
        for (JsonNode s : result.path("steps")) {
            rows.add(
                    new StepRow(
                            s.path("step").asInt(),
                            s.path("event").asString(),
                            s.path("people").asLong(),
                            s.path("conversion").asDouble(),
                            s.path("fromPrevious").asDouble(),
                            s.path("medianSeconds").isNumber()
                                    ? s.path("medianSeconds").asDouble()
                                    : null));
        }
        steps.setItems(rows);
        steps.setVisible(true);
        Map<String, List<Long>> bars = new LinkedHashMap<>();
        if (result.path("breakdown").isArray() && !result.path("breakdown").isEmpty()) {
            for (JsonNode b : result.path("breakdown")) {
                List<Long> people = new ArrayList<>();
                b.path("steps").forEach(s -> people.add(s.path("people").asLong()));
                bars.put(b.path("value").asString(), people);
            }
        } else {
            bars.put("people", rows.stream().map(StepRow::people).toList());
        }
        drawing.setOption(
                ChartOptions.series(
                        "bar", rows.stream().map(r -> r.step() + ". " + r.event()).toList(), bars));
        StepRow last = rows.isEmpty() ? null : rows.get(rows.size() - 1);
        summary.setText(
                last == null || rows.get(0).people() == 0
                        ? "Nobody did the first step in this range: widen the range or pick another first step."
                        : percent(last.conversion())
                                + " of "
                                + String.format(Locale.ROOT, "%,d", rows.get(0).people())
                                + " people converted.");
    }

    private void timeToConvert(JsonNode t) {
        steps.setVisible(false);
        List<String> labels = new ArrayList<>();
        List<Long> people = new ArrayList<>();
        for (JsonNode bin : t.path("bins")) {
            labels.add(
                    duration(bin.path("fromSeconds").asDouble())
                            + (bin.path("toSeconds").isNull()
                                    ? "+"
                                    : "–" + duration(bin.path("toSeconds").asDouble())));
            people.add(bin.path("people").asLong());
        }
        drawing.setOption(ChartOptions.series("bar", labels, Map.of("people", people)));
        summary.setText(
                t.path("people").asLong() == 0
                        ? "Nobody converted in this range."
                        : String.format(
                                Locale.ROOT,
                                "%,d people converted; median %s, 90%% within %s.",
                                t.path("people").asLong(),
                                duration(t.path("medianSeconds").asDouble()),
                                duration(t.path("p90Seconds").asDouble())));
    }

    private void trend(JsonNode points) {
        steps.setVisible(false);
        List<String> buckets = new ArrayList<>();
        List<Double> rates = new ArrayList<>();
        for (JsonNode p : points) {
            buckets.add(p.path("bucket").asString());
            rates.add(p.path("conversion").asDouble() * 100);
        }
        drawing.setOption(ChartOptions.lines(buckets, Map.of("conversion %", rates)));
        summary.setText("Conversion by the day people entered the funnel.");
    }

    private Button dropOffButton(StepRow row) {
        Button button = new Button("Save as segment", e -> saveDropOff(row.step()));
        button.setVisible(row.step() > 1);
        button.addClassName("drop-off-" + row.step());
        return button;
    }

    /** Saves the people who reached the step before {@code step} but not it, as a segment. */
    void saveDropOff(int step) {
        String segmentName =
                (name.isEmpty() ? "Funnel" : name.getValue().strip())
                        + ": dropped before step "
                        + step;
        try {
            segments.save(actor, project, segmentName, form.peopleQuery(step, false).toString());
            Notification.show("Saved the segment " + segmentName + ".");
        } catch (IllegalArgumentException | AccessDeniedException e) {
            status.setText("Not saved: " + e.getMessage());
        }
    }

    void save() {
        form = read();
        saveAs(form.toQuery().toString(), "bar");
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f%%", share * 100);
    }

    /** 45 s, 12 min, 3.5 h, 2.0 d. */
    static String duration(double seconds) {
        if (seconds < 60) {
            return String.format(Locale.ROOT, "%.0f s", seconds);
        }
        if (seconds < 3600) {
            return String.format(Locale.ROOT, "%.0f min", seconds / 60);
        }
        if (seconds < 86_400) {
            return String.format(Locale.ROOT, "%.1f h", seconds / 3600);
        }
        return String.format(Locale.ROOT, "%.1f d", seconds / 86_400);
    }
}
