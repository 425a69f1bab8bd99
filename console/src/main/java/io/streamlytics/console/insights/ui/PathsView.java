package io.streamlytics.console.insights.ui;

import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.streamlytics.console.access.service.ProjectAccess;
import io.streamlytics.console.base.ui.ChartOptions;
import io.streamlytics.console.base.ui.EChart;
import io.streamlytics.console.base.ui.MainLayout;
import io.streamlytics.console.insights.domain.PathsForm;
import io.streamlytics.console.insights.service.EventCatalog;
import io.streamlytics.console.insights.service.InsightQueries;
import io.streamlytics.console.insights.service.InsightStore;
import jakarta.annotation.security.PermitAll;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The paths builder: what people do after an event (or before one), as a Sankey chart of the flows
 * between positions and a list of the most common whole paths.
 */
@Route(value = "insights/paths", layout = MainLayout.class)
@PageTitle("Paths · Streamlytics")
@PermitAll
public class PathsView extends BuilderView {
    private PathsForm form = new PathsForm();
    private final ComboBox<String> start = eventPicker("Paths after", "");
    private final ComboBox<String> end = eventPicker("or paths before", "");
    private final IntegerField depth = new IntegerField("Steps");
    private final Select<String> element = select("Of", PathsForm.ELEMENTS, "element");
    private final Select<String> range = select("Range", PathsForm.RANGES, "range");
    private final Checkbox collapse = new Checkbox("A repeat is one step");
    private final FilterEditor filters = new FilterEditor();
    private final EChart drawing = new EChart("480px");
    private final Grid<Path> paths = new Grid<>();

    /** A whole path and how many people took it. */
    record Path(String steps, long people) {}

    public PathsView(
            InsightQueries queries,
            InsightStore store,
            EventCatalog catalog,
            ProjectAccess access) {
        super("insights/paths", "paths", queries, store, catalog, access);
        start.setId("start-event");
        start.setClearButtonVisible(true);
        end.setId("end-event");
        end.setClearButtonVisible(true);
        depth.setMin(2);
        depth.setMax(10);
        depth.setStepButtonsVisible(true);
        depth.setId("depth");
        element.setItemLabelGenerator(e -> e.equals("page") ? "pages viewed" : "events");
        HorizontalLayout where = new HorizontalLayout(start, end);
        HorizontalLayout options = new HorizontalLayout(depth, element, range, collapse);
        options.setAlignItems(FlexComponent.Alignment.BASELINE);
        drawing.setId("paths-chart");
        paths.setId("top-paths");
        paths.setAllRowsVisible(true);
        paths.addColumn(Path::steps).setHeader("Path").setFlexGrow(1);
        paths.addColumn(p -> String.format(Locale.ROOT, "%,d", p.people()))
                .setHeader("People")
                .setAutoWidth(true);
        add(
                new H2("Paths"),
                where,
                new H3("Filters"),
                filters,
                options,
                actions(this::run, () -> saveAs(read().toQuery().toString(), "table")),
                status,
                drawing,
                new H3("Most common paths"),
                paths);
    }

    @Override
    protected void enter(Long projectId, String query, Map<String, List<String>> parameters) {
        open(projectId, query == null ? null : PathsForm.fromParameter(query));
    }

    void open(Long projectId, PathsForm given) {
        form = given == null ? new PathsForm() : given;
        if (!useProject(projectId)) {
            return;
        }
        start.setItems(eventNames);
        end.setItems(eventNames);
        start.setValue(form.start.isEmpty() ? null : form.start);
        end.setValue(form.end.isEmpty() ? null : form.end);
        depth.setValue(form.depth);
        element.setValue(form.element);
        range.setValue(form.range);
        collapse.setValue(form.collapseRepeats);
        filters.setValue(form.filters);
        if (given != null) {
            run();
        }
    }

    PathsForm read() {
        PathsForm now = new PathsForm();
        now.start = start.getValue() == null ? "" : start.getValue();
        now.end = end.getValue() == null ? "" : end.getValue();
        now.depth = depth.getValue() == null ? now.depth : depth.getValue();
        now.element = element.getValue();
        now.range = range.getValue();
        now.collapseRepeats = collapse.getValue();
        now.filters = filters.value();
        return now;
    }

    void run() {
        if (project == null) {
            return;
        }
        form = read();
        if (!form.start.isBlank() && !form.end.isBlank()) {
            status.setText("Choose where paths start or where they end, not both.");
            return;
        }
        ask(form.toQuery().toString(), form.toParameter(), Map.of()).ifPresent(this::show);
    }

    private void show(JsonNode result) {
        drawing.setOption(ChartOptions.sankey(Results.flows(result)));
        List<Path> rows = new ArrayList<>();
        for (JsonNode p : result.path("paths")) {
            List<String> steps = new ArrayList<>();
            p.path("elements").forEach(s -> steps.add(s.asString()));
            rows.add(new Path(String.join(" → ", steps), p.path("people").asLong()));
        }
        paths.setItems(rows);
        status.setText(
                rows.isEmpty() ? "No paths in this range: widen it or choose another event." : "");
    }
}
