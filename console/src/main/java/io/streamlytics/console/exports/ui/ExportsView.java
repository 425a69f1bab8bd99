package io.streamlytics.console.exports.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.streamlytics.console.access.domain.Actor;
import io.streamlytics.console.access.domain.Project;
import io.streamlytics.console.access.service.ProjectAccess;
import io.streamlytics.console.base.ui.MainLayout;
import io.streamlytics.console.base.ui.Polling;
import io.streamlytics.console.base.ui.ProjectParameter;
import io.streamlytics.console.exports.domain.ExportFormat;
import io.streamlytics.console.exports.domain.ExportJob;
import io.streamlytics.console.exports.domain.ExportRequest;
import io.streamlytics.console.exports.service.ExportRunner;
import io.streamlytics.console.exports.service.ExportStore;
import io.streamlytics.console.insights.domain.SavedInsight;
import io.streamlytics.console.insights.service.EventCatalog;
import io.streamlytics.console.insights.service.InsightStore;
import io.streamlytics.console.insights.service.ProjectTimezones;
import jakarta.annotation.security.PermitAll;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.springframework.security.access.AccessDeniedException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Exports: raw events of a date range (optionally some events only) or a saved insight, as CSV,
 * NDJSON or Parquet, written in the background with their progress shown as it goes.
 */
@Route(value = "exports", layout = MainLayout.class)
@PageTitle("Exports · Streamlytics")
@PermitAll
public class ExportsView extends Main implements BeforeEnterObserver {
    static final String EVENTS = "Raw events";
    static final String INSIGHT = "A saved insight";
    static final int LIST = 30;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ExportStore store;
    private final ExportRunner runner;
    private final InsightStore insights;
    private final EventCatalog catalog;
    private final ProjectTimezones timezones;
    private final Actor actor;
    private final List<Project> visible;
    final Select<String> source = new Select<>();
    final Select<SavedInsight> insight = new Select<>();
    final Checkbox ownRange = new Checkbox("Over the insight's own range", true);
    final DatePicker from = new DatePicker("From");
    final DatePicker to = new DatePicker("To (included)");
    final MultiSelectComboBox<String> events = new MultiSelectComboBox<>("Only these events");
    final Select<ExportFormat> format = new Select<>();
    final Checkbox emailMe = new Checkbox("Email me when it is ready");
    final TextField notifyUrl = new TextField("Or POST a notice to");
    private final Button start = new Button("Export", e -> start());
    private final Span status = new Span();
    private final Grid<ExportJob> jobs = new Grid<>();
    private Long project;

    public ExportsView(
            ExportStore store,
            ExportRunner runner,
            InsightStore insights,
            EventCatalog catalog,
            ProjectTimezones timezones,
            ProjectAccess access) {
        this.store = store;
        this.runner = runner;
        this.insights = insights;
        this.catalog = catalog;
        this.timezones = timezones;
        this.actor = access.current();
        this.visible = access.projects(actor);
        setId("exports");
        getStyle().set("padding", "var(--lumo-space-l)").set("box-sizing", "border-box");
        source.setId("export-source");
        source.setLabel("Export");
        source.setItems(EVENTS, INSIGHT);
        source.setValue(EVENTS);
        source.addValueChangeListener(e -> showSource());
        insight.setId("export-insight");
        insight.setLabel("Saved insight");
        insight.setItemLabelGenerator(SavedInsight::name);
        ownRange.setId("export-own-range");
        ownRange.addValueChangeListener(e -> showSource());
        from.setId("export-from");
        to.setId("export-to");
        events.setId("export-events");
        events.setHelperText("none chosen: every event");
        format.setId("export-format");
        format.setLabel("Format");
        format.setItems(ExportFormat.values());
        format.setItemLabelGenerator(f -> f.name());
        format.setValue(ExportFormat.CSV);
        emailMe.setId("export-email-me");
        notifyUrl.setId("export-notify-url");
        notifyUrl.setHelperText("a URL that receives {export, status, rows, download} as JSON");
        start.setId("start-export");
        start.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        status.setId("status");
        FormLayout form =
                new FormLayout(
                        source, insight, ownRange, from, to, events, format, emailMe, notifyUrl);
        form.setColspan(events, 2);
        jobs.setId("export-list");
        jobs.setAllRowsVisible(true);
        jobs.addColumn(ExportJob::id).setHeader("#").setAutoWidth(true);
        jobs.addColumn(ExportsView::what).setHeader("What").setFlexGrow(1);
        jobs.addColumn(j -> j.format().name()).setHeader("Format").setAutoWidth(true);
        jobs.addColumn(ExportJob::status).setHeader("Status").setAutoWidth(true);
        jobs.addComponentColumn(ExportsView::progress).setHeader("Progress").setWidth("14em");
        jobs.addColumn(ExportsView::size).setHeader("Rows · size").setAutoWidth(true);
        jobs.addComponentColumn(ExportsView::outcome)
                .setHeader("File")
                .setKey("file")
                .setAutoWidth(true);
        add(new H2("Exports"), form, start, status, new H3("Latest exports"), jobs);
        showSource();
        Polling.every(this, 1000, this::refresh);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        open(ProjectParameter.of(event.getLocation(), visible).orElse(null));
    }

    public void open(Long projectId) {
        project = projectId;
        if (project == null) {
            status.setText(ProjectParameter.NONE_YET);
            start.setEnabled(false);
            return;
        }
        try {
            LocalDate today = LocalDate.now(timezones.of(project));
            from.setValue(today.minusDays(6));
            to.setValue(today);
            events.setItems(catalog.eventNames(actor, project));
            List<SavedInsight> saved = insights.list(actor, project);
            insight.setItems(saved);
            if (!saved.isEmpty()) {
                insight.setValue(saved.get(0));
            }
            start.setEnabled(actor.role().canEdit());
            if (!actor.role().canEdit()) {
                status.setText(
                        "Viewers see the project's exports; analysts and admins make and download"
                                + " them.");
            }
            refresh();
        } catch (AccessDeniedException e) {
            status.setText(e.getMessage());
            start.setEnabled(false);
        }
    }

    void start() {
        if (project == null) {
            return;
        }
        try {
            ExportRequest request =
                    source.getValue().equals(EVENTS)
                            ? ExportRequest.events(
                                    from.getValue(),
                                    to.getValue(),
                                    List.copyOf(events.getValue()),
                                    format.getValue())
                            : ownRange.getValue()
                                    ? ExportRequest.insight(insightId(), format.getValue())
                                    : ExportRequest.insight(
                                            insightId(),
                                            format.getValue(),
                                            from.getValue(),
                                            to.getValue());
            ExportJob job =
                    runner.start(
                            actor,
                            project,
                            request.notifying(
                                    emailMe.getValue() ? actor.email() : "", notifyUrl.getValue()));
            status.setText(
                    "Export "
                            + job.id()
                            + " started: follow it below"
                            + (emailMe.getValue() ? ", or wait for the email." : "."));
            refresh();
        } catch (IllegalArgumentException | AccessDeniedException e) {
            status.setText(e.getMessage());
        }
    }

    /** The list, again: called every second while the page is open. */
    public void refresh() {
        if (project != null) {
            jobs.setItems(store.list(actor, project, LIST));
        }
    }

    private long insightId() {
        return insight.getValue() == null ? 0 : insight.getValue().id();
    }

    private void showSource() {
        boolean raw = EVENTS.equals(source.getValue());
        insight.setVisible(!raw);
        ownRange.setVisible(!raw);
        from.setVisible(raw || !ownRange.getValue());
        to.setVisible(raw || !ownRange.getValue());
        events.setVisible(raw);
    }

    private static String what(ExportJob job) {
        JsonNode spec = JSON.readTree(job.spec());
        if (job.source().equals("insight")) {
            return "insight " + spec.path("name").asString();
        }
        List<String> names = new java.util.ArrayList<>();
        spec.path("events").forEach(e -> names.add(e.asString()));
        return "events "
                + spec.path("from").asString()
                + " – "
                + spec.path("to").asString()
                + (names.isEmpty() ? "" : " (" + String.join(", ", names) + ")")
                + " · "
                + job.requestedBy();
    }

    private static Component progress(ExportJob job) {
        ProgressBar bar = new ProgressBar(0, 1, job.progress());
        bar.setIndeterminate(job.status().equals("running") && job.rowsExpected() == null);
        bar.addClassName("export-progress");
        bar.getElement()
                .setAttribute("data-progress", String.format(Locale.ROOT, "%.3f", job.progress()));
        return bar;
    }

    private static String size(ExportJob job) {
        String rows =
                job.rowsExpected() == null
                        ? Long.toString(job.rowsWritten())
                        : job.rowsWritten() + " / " + job.rowsExpected();
        return job.bytes() < 0 ? rows + " · deleted" : rows + " · " + bytes(job.bytes());
    }

    private static Component outcome(ExportJob job) {
        if (job.status().equals("done") && job.bytes() >= 0) {
            Anchor link = new Anchor("exports/" + job.id() + "/download", job.fileName());
            link.setRouterIgnore(true);
            link.getElement().setAttribute("download", job.fileName());
            link.addClassName("export-download");
            return link;
        }
        Span text = new Span(job.status().equals("failed") ? job.error() : "");
        return text;
    }

    static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
    }
}
