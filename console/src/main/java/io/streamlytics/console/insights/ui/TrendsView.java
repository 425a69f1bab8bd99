package io.streamlytics.console.insights.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
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
import io.streamlytics.console.insights.domain.TrendsForm;
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
 * The trends builder: events and how to count them, filters, a breakdown, the range and its
 * granularity, the period before for comparison; drawn as lines, bars, areas, a number or a table.
 * The whole state is in the URL ({@code ?project=…&q=…&chart=…}), so a link reproduces it.
 */
@Route(value = "insights/trends", layout = MainLayout.class)
@PageTitle("Trends · Streamlytics")
@PermitAll
public class TrendsView extends BuilderView {
    static final String CHART = "chart";

    private TrendsForm form = new TrendsForm();

    private final VerticalLayout seriesRows = new VerticalLayout();
    private final FilterEditor filters = new FilterEditor();
    private final Select<String> range = select("Range", TrendsForm.RANGES, "range");
    private final Select<String> granularity =
            select("Granularity", TrendsForm.GRANULARITIES, "granularity");
    private final TextField breakdown = new TextField("Breakdown by property");
    private final Checkbox compare = new Checkbox("Compare with the period before");
    private final Select<String> chart = select("Chart", TrendsForm.CHARTS, "chart");
    private final EChart drawing = new EChart("360px");
    private final Span number = new Span();
    private final Grid<Row> table = new Grid<>();

    /** A bucket of the table view: its label and each line's value. */
    record Row(String bucket, List<Double> values) {}

    public TrendsView(
            InsightQueries queries,
            InsightStore store,
            EventCatalog catalog,
            ProjectAccess access) {
        super("insights/trends", "trends", queries, store, catalog, access);

        seriesRows.setPadding(false);
        seriesRows.setSpacing(false);
        Button addSeries =
                new Button(
                        "Add series", e -> addSeriesRow(new TrendsForm.Series("*", "total", "")));
        addSeries.setId("add-series");
        breakdown.setId("breakdown");
        breakdown.setPlaceholder("e.g. $country or plan");
        compare.setId("compare");
        HorizontalLayout options =
                new HorizontalLayout(range, granularity, breakdown, chart, compare);
        options.setAlignItems(FlexComponent.Alignment.BASELINE);
        options.getStyle().set("flex-wrap", "wrap");

        drawing.setId("trends-chart");
        number.setId("trends-number");
        number.getStyle().set("font-size", "3em").set("font-weight", "600");
        table.setId("trends-table");
        table.setHeight("360px");
        add(
                new H2("Trends"),
                new H3("Series"),
                seriesRows,
                addSeries,
                new H3("Filters"),
                filters,
                options,
                actions(this::run, this::save),
                status,
                new Div(drawing, number, table));
        show("line");
    }

    @Override
    protected void enter(Long projectId, String query, Map<String, List<String>> parameters) {
        String chartName = first(parameters, CHART, "line");
        open(projectId, query == null ? null : TrendsForm.fromParameter(query, chartName));
    }

    /** Shows {@code given} (null: a new form) for the project, and runs it when given. */
    void open(Long projectId, TrendsForm given) {
        form = given == null ? new TrendsForm() : given;
        if (!useProject(projectId)) {
            return;
        }
        fill();
        if (given != null) {
            run();
        }
    }

    private void fill() {
        seriesRows.removeAll();
        form.series.forEach(this::addSeriesRow);
        filters.setValue(form.filters);
        range.setValue(form.range);
        granularity.setValue(form.granularity);
        breakdown.setValue(form.breakdown);
        compare.setValue(form.compare);
        chart.setValue(form.chart);
    }

    private void addSeriesRow(TrendsForm.Series s) {
        ComboBox<String> event = eventPicker("Event", s.event());
        event.addClassName("series-event");
        Select<String> aggregation = select("Count", TrendsForm.AGGREGATIONS, null);
        aggregation.setValue(s.aggregation());
        aggregation.addClassName("series-aggregation");
        TextField property = new TextField("Of property");
        property.setValue(s.property());
        property.addClassName("series-property");
        property.setVisible(TrendsForm.OF_PROPERTY.contains(s.aggregation()));
        aggregation.addValueChangeListener(
                e -> property.setVisible(TrendsForm.OF_PROPERTY.contains(e.getValue())));
        HorizontalLayout row = new HorizontalLayout(event, aggregation, property);
        Button remove = new Button("Remove", e -> seriesRows.remove(row));
        row.add(remove);
        row.setAlignItems(FlexComponent.Alignment.BASELINE);
        row.addClassName("series-row");
        seriesRows.add(row);
    }

    /** The form as the editors hold it now. */
    @SuppressWarnings("unchecked")
    TrendsForm read() {
        TrendsForm now = new TrendsForm();
        now.series = new ArrayList<>();
        seriesRows
                .getChildren()
                .map(HorizontalLayout.class::cast)
                .forEach(
                        row -> {
                            var cells = row.getChildren().toList();
                            String event = ((ComboBox<String>) cells.get(0)).getValue();
                            now.series.add(
                                    new TrendsForm.Series(
                                            event == null ? "*" : event,
                                            ((Select<String>) cells.get(1)).getValue(),
                                            ((TextField) cells.get(2)).getValue()));
                        });
        now.filters = filters.value();
        now.range = range.getValue();
        now.granularity = granularity.getValue();
        now.breakdown = breakdown.getValue();
        now.compare = compare.getValue();
        now.chart = chart.getValue();
        return now;
    }

    void run() {
        if (project == null) {
            return;
        }
        form = read();
        if (form.series.isEmpty()) {
            status.setText("Add a series: which events to count.");
            return;
        }
        ask(form.toQuery().toString(), form.toParameter(), Map.of(CHART, form.chart))
                .ifPresent(
                        result -> {
                            status.setText(
                                    result.path("series").isEmpty()
                                            ? "No events match: widen the range or remove a filter."
                                            : "");
                            draw(result);
                        });
    }

    private void draw(JsonNode result) {
        List<String> buckets = Results.buckets(result);
        Map<String, List<Double>> lines = Results.lines(result);
        show(form.chart);
        switch (form.chart) {
            case "number" -> number.setText(Results.headline(result));
            case "table" -> table(buckets, lines);
            default -> drawing.setOption(ChartOptions.series(form.chart, buckets, lines));
        }
    }

    private void show(String kind) {
        drawing.setVisible(!kind.equals("number") && !kind.equals("table"));
        number.setVisible(kind.equals("number"));
        table.setVisible(kind.equals("table"));
    }

    private void table(List<String> buckets, Map<String, List<Double>> lines) {
        table.removeAllColumns();
        table.addColumn(Row::bucket).setHeader("Bucket").setAutoWidth(true);
        List<String> names = new ArrayList<>(lines.keySet());
        for (int i = 0; i < names.size(); i++) {
            int column = i;
            table.addColumn(r -> format(r.values().get(column)))
                    .setHeader(names.get(i))
                    .setAutoWidth(true);
        }
        List<Row> rows = new ArrayList<>();
        for (int b = 0; b < buckets.size(); b++) {
            List<Double> values = new ArrayList<>();
            for (List<Double> line : lines.values()) {
                values.add(b < line.size() ? line.get(b) : null);
            }
            rows.add(new Row(buckets.get(b), values));
        }
        table.setItems(rows);
    }

    private static String format(Double v) {
        if (v == null) {
            return "";
        }
        return v == Math.rint(v)
                ? String.format(Locale.ROOT, "%,d", v.longValue())
                : String.format(Locale.ROOT, "%,.2f", v);
    }

    void save() {
        form = read();
        saveAs(form.toQuery().toString(), form.chart);
    }

    private static String first(
            Map<String, List<String>> parameters, String name, String otherwise) {
        List<String> values = parameters.get(name);
        return values == null || values.isEmpty() ? otherwise : values.get(0);
    }
}
