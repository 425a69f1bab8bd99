package io.streamlytics.console.retention.ui;

import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.streamlytics.console.access.service.ProjectAccess;
import io.streamlytics.console.base.ui.MainLayout;
import io.streamlytics.console.insights.service.EventCatalog;
import io.streamlytics.console.insights.service.InsightQueries;
import io.streamlytics.console.insights.service.InsightStore;
import io.streamlytics.console.insights.ui.BuilderView;
import io.streamlytics.console.insights.ui.FilterEditor;
import io.streamlytics.console.retention.domain.RetentionForm;
import io.streamlytics.console.segments.domain.Segment;
import io.streamlytics.console.segments.service.SegmentDesk;
import jakarta.annotation.security.PermitAll;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The retention builder: a cohort per period of people who did the start event, and the share who
 * came back in each period after, as a heat-map table (darker is more); and, for chosen segments,
 * each segment's average beside everyone's.
 */
@Route(value = "insights/retention", layout = MainLayout.class)
@PageTitle("Retention · Streamlytics")
@PermitAll
public class RetentionView extends BuilderView {
    private RetentionForm form = new RetentionForm();

    private final ComboBox<String> start = eventPicker("People who did", "*");
    private final ComboBox<String> back = eventPicker("and came back to do", "*");
    private final Select<String> period = select("By", RetentionForm.PERIODS, "period");
    private final IntegerField periods = new IntegerField("Periods");
    private final Select<String> mode = select("Cohorts", RetentionForm.MODES, "mode");
    private final Checkbox unbounded = new Checkbox("Count a return in that period or later");
    private final Select<String> range = select("Range", RetentionForm.RANGES, "range");
    private final FilterEditor filters = new FilterEditor();
    private final MultiSelectComboBox<Segment> segments =
            new MultiSelectComboBox<>("Compare segments");
    private final Grid<Cohort> table = new Grid<>();
    private final H3 bySegmentTitle = new H3("By segment (average of its cohorts)");
    private final Grid<Cohort> bySegment = new Grid<>();
    private final SegmentDesk segmentDesk;
    private List<Segment> projectSegments = List.of();

    /**
     * A row of a table: a cohort (or the weighted average, or a segment's), its size and its rates.
     */
    record Cohort(String start, Long size, List<Double> rates) {}

    public RetentionView(
            InsightQueries queries,
            InsightStore store,
            EventCatalog catalog,
            SegmentDesk segmentDesk,
            ProjectAccess access) {
        super("insights/retention", "retention", queries, store, catalog, access);
        this.segmentDesk = segmentDesk;
        segments.setId("retention-segments");
        segments.setItemLabelGenerator(Segment::name);
        segments.setHelperText("each segment's members, as a row of their own");
        segments.setWidth("22em");
        start.setId("start-event");
        back.setId("return-event");
        periods.setMin(1);
        periods.setMax(90);
        periods.setStepButtonsVisible(true);
        periods.setId("periods");
        mode.setItemLabelGenerator(
                m -> m.equals("first_time") ? "by first time" : "every time they start");
        HorizontalLayout who = new HorizontalLayout(start, back);
        HorizontalLayout options =
                new HorizontalLayout(period, periods, mode, range, unbounded, segments);
        options.setAlignItems(FlexComponent.Alignment.BASELINE);
        options.getStyle().set("flex-wrap", "wrap");
        table.setId("retention-table");
        table.setAllRowsVisible(true);
        bySegment.setId("retention-by-segment");
        bySegment.setAllRowsVisible(true);
        bySegmentTitle.setVisible(false);
        bySegment.setVisible(false);
        add(
                new H2("Retention"),
                who,
                new H3("Filters"),
                filters,
                options,
                actions(this::run, () -> saveAs(read().toQuery().toString(), "table")),
                status,
                table,
                bySegmentTitle,
                bySegment);
    }

    @Override
    protected void enter(Long projectId, String query, Map<String, List<String>> parameters) {
        open(projectId, query == null ? null : RetentionForm.fromParameter(query));
    }

    void open(Long projectId, RetentionForm given) {
        form = given == null ? new RetentionForm() : given;
        if (!useProject(projectId)) {
            return;
        }
        start.setItems(eventNames);
        back.setItems(eventNames);
        start.setValue(form.start);
        back.setValue(form.back);
        period.setValue(form.period);
        periods.setValue(form.periods);
        mode.setValue(form.mode);
        unbounded.setValue(form.unbounded);
        range.setValue(form.range);
        filters.setValue(form.filters);
        projectSegments = segmentDesk.list(actor, projectId);
        segments.setItems(projectSegments);
        segments.setValue(
                projectSegments.stream().filter(g -> form.segments.contains(g.id())).toList());
        if (given != null) {
            run();
        }
    }

    RetentionForm read() {
        RetentionForm now = new RetentionForm();
        now.start = start.getValue() == null ? "*" : start.getValue();
        now.back = back.getValue() == null ? "*" : back.getValue();
        now.period = period.getValue();
        now.periods = periods.getValue() == null ? now.periods : periods.getValue();
        now.mode = mode.getValue();
        now.unbounded = unbounded.getValue();
        now.range = range.getValue();
        now.filters = filters.value();
        now.segments = segments.getValue().stream().map(Segment::id).sorted().toList();
        return now;
    }

    void run() {
        if (project == null) {
            return;
        }
        form = read();
        ask(form.toQuery().toString(), form.toParameter(), Map.of()).ifPresent(this::show);
    }

    private void show(JsonNode result) {
        List<Cohort> rows = new ArrayList<>();
        rows.add(new Cohort("Average", null, rates(result.path("average"))));
        for (JsonNode c : result.path("cohorts")) {
            rows.add(
                    new Cohort(
                            c.path("start").asString(),
                            c.path("size").asLong(),
                            rates(c.path("rates"))));
        }
        fill(table, "Cohort", rows);
        List<Cohort> segmentRows = new ArrayList<>();
        for (JsonNode b : result.path("breakdown")) {
            long size = 0;
            for (JsonNode c : b.path("cohorts")) {
                size += c.path("size").asLong();
            }
            segmentRows.add(
                    new Cohort(
                            segmentName(b.path("value").asString()),
                            size,
                            rates(b.path("average"))));
        }
        fill(bySegment, "Segment", segmentRows);
        bySegmentTitle.setVisible(!segmentRows.isEmpty());
        bySegment.setVisible(!segmentRows.isEmpty());
        status.setText(
                rows.size() == 1
                        ? "Nobody did the start event in this range: widen it or pick another event."
                        : "");
    }

    /** The grid's columns for these rows: a name, people, then one heat-map cell per period. */
    private void fill(Grid<Cohort> grid, String first, List<Cohort> rows) {
        grid.removeAllColumns();
        grid.addColumn(Cohort::start).setHeader(first).setAutoWidth(true);
        grid.addColumn(c -> c.size() == null ? "" : String.format(Locale.ROOT, "%,d", c.size()))
                .setHeader("People")
                .setAutoWidth(true);
        int columns = rows.stream().mapToInt(r -> r.rates().size()).max().orElse(0);
        for (int p = 0; p < columns; p++) {
            int index = p;
            grid.addComponentColumn(
                            c -> cell(index < c.rates().size() ? c.rates().get(index) : null))
                    .setHeader(form.period + " " + p)
                    .setAutoWidth(true);
        }
        grid.setItems(rows);
    }

    /** A segment's name for the id the result gives (the id itself if it was deleted since). */
    private String segmentName(String id) {
        return projectSegments.stream()
                .filter(g -> Long.toString(g.id()).equals(id))
                .map(Segment::name)
                .findFirst()
                .orElse("segment " + id);
    }

    /** A rate as a percentage on a background as dark as it is large (null: not begun yet). */
    static Span cell(Double rate) {
        Span cell = new Span(rate == null ? "" : String.format(Locale.ROOT, "%.1f%%", rate * 100));
        if (rate != null) {
            cell.getStyle()
                    .set("display", "block")
                    .set("padding", "0 var(--lumo-space-xs)")
                    .set(
                            "background",
                            String.format(Locale.ROOT, "hsla(214, 90%%, 52%%, %.2f)", rate))
                    .set("color", rate > 0.5 ? "white" : "inherit");
        }
        return cell;
    }

    private static List<Double> rates(JsonNode values) {
        List<Double> rates = new ArrayList<>();
        values.forEach(v -> rates.add(v.isNull() ? null : v.asDouble()));
        return rates;
    }
}
