package io.streamlytics.console.quality.ui;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.streamlytics.console.access.domain.Actor;
import io.streamlytics.console.access.domain.Project;
import io.streamlytics.console.access.service.ProjectAccess;
import io.streamlytics.console.base.ui.MainLayout;
import io.streamlytics.console.base.ui.ProjectParameter;
import io.streamlytics.console.quality.domain.QualityHour;
import io.streamlytics.console.quality.service.DataQualityReport;
import jakarta.annotation.security.PermitAll;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.security.access.AccessDeniedException;

/** The project's data quality by hour: volume against last week, rejections, schema drift. */
@Route(value = "data-quality", layout = MainLayout.class)
@PageTitle("Data quality · Streamlytics")
@PermitAll
public class DataQualityView extends Main implements BeforeEnterObserver {
    static final Map<String, Duration> RANGES =
            Map.of("Last 24 hours", Duration.ofHours(24), "Last 7 days", Duration.ofDays(7));
    private static final DateTimeFormatter HOUR =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:00 'UTC'", Locale.ROOT)
                    .withZone(ZoneOffset.UTC);

    private final DataQualityReport report;
    private final Clock clock;
    private final Actor actor;
    private final List<Project> visible;
    final Select<String> range = new Select<>();
    private final Span status = new Span();
    private final Grid<QualityHour> grid = new Grid<>();
    private Long project;

    public DataQualityView(DataQualityReport report, Clock clock, ProjectAccess access) {
        this.report = report;
        this.clock = clock;
        this.actor = access.current();
        this.visible = access.projects(actor);
        setId("data-quality");
        getStyle().set("padding", "var(--lumo-space-l)").set("box-sizing", "border-box");
        range.setId("quality-range");
        range.setLabel("Hours");
        range.setItems("Last 24 hours", "Last 7 days");
        range.setValue("Last 24 hours");
        range.addValueChangeListener(e -> refresh());
        status.setId("status");
        grid.setId("quality-hours");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.setAllRowsVisible(true);
        grid.addColumn(h -> HOUR.format(h.hour())).setHeader("Hour").setAutoWidth(true);
        grid.addColumn(h -> h.event().isEmpty() ? "(whole requests)" : h.event())
                .setHeader("Event")
                .setAutoWidth(true);
        grid.addColumn(QualityHour::events).setHeader("Accepted").setAutoWidth(true);
        grid.addColumn(h -> h.sameHourLastWeek() < 0 ? "" : Long.toString(h.sameHourLastWeek()))
                .setHeader("Last week")
                .setAutoWidth(true);
        grid.addColumn(
                        h ->
                                h.anomaly()
                                        ? String.format(
                                                Locale.ROOT, "yes (%+.1f)", h.anomalyScore())
                                        : "")
                .setHeader("Anomaly")
                .setAutoWidth(true);
        grid.addColumn(QualityHour::invalid).setHeader("Rejected").setAutoWidth(true);
        grid.addColumn(h -> h.invalid() == 0 ? "" : h.invalidReasons())
                .setHeader("Why")
                .setFlexGrow(1);
        grid.addColumn(h -> String.join(", ", h.newProperties()))
                .setHeader("New properties")
                .setFlexGrow(1);
        grid.addColumn(h -> String.join(", ", h.typeChanges()))
                .setHeader("Type changes")
                .setFlexGrow(1);
        grid.setClassNameGenerator(h -> h.anomaly() || h.invalid() > 0 ? "quality-problem" : null);
        add(
                new H2("Data quality"),
                new Paragraph(
                        "Each event's hour, written by the pipeline about 5 minutes after the hour"
                                + " ends: accepted against the same hour last week (an anomaly"
                                + " is a change of 30% or more that is unlikely by chance),"
                                + " rejected events and why, and properties that are new or"
                                + " changed type."),
                range,
                status,
                grid);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        open(ProjectParameter.of(event.getLocation(), visible).orElse(null));
    }

    public void open(Long projectId) {
        project = projectId;
        refresh();
    }

    private void refresh() {
        if (project == null) {
            status.setText(ProjectParameter.NONE_YET);
            return;
        }
        try {
            List<QualityHour> hours =
                    report.hours(
                            actor, project, clock.instant().minus(RANGES.get(range.getValue())));
            grid.setItems(hours);
            long problems = hours.stream().filter(h -> h.anomaly() || h.invalid() > 0).count();
            status.setText(
                    hours.isEmpty()
                            ? "No hour written yet: the pipeline writes an hour about 5 minutes"
                                    + " after it ends."
                            : problems == 0
                                    ? "No anomaly and no rejected event."
                                    : problems + " hour(s) with an anomaly or rejected events.");
        } catch (AccessDeniedException e) {
            status.setText(e.getMessage());
        }
    }
}
