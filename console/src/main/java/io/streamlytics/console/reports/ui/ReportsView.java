package io.streamlytics.console.reports.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Location;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import io.streamlytics.console.access.domain.Actor;
import io.streamlytics.console.access.domain.Project;
import io.streamlytics.console.access.service.ProjectAccess;
import io.streamlytics.console.base.ui.MainLayout;
import io.streamlytics.console.base.ui.Polling;
import io.streamlytics.console.base.ui.ProjectParameter;
import io.streamlytics.console.insights.domain.SavedInsight;
import io.streamlytics.console.insights.service.InsightStore;
import io.streamlytics.console.insights.service.ProjectTimezones;
import io.streamlytics.console.reports.domain.Report;
import io.streamlytics.console.reports.domain.ReportDelivery;
import io.streamlytics.console.reports.service.ReportRunner;
import io.streamlytics.console.reports.service.ReportStore;
import jakarta.annotation.security.PermitAll;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.security.access.AccessDeniedException;

/**
 * The project's reports: the list, one report's fields (new or chosen, {@code ?report=} in the
 * URL), sending it now, and its deliveries.
 */
@Route(value = "reports", layout = MainLayout.class)
@PageTitle("Reports · Streamlytics")
@PermitAll
public class ReportsView extends Main implements BeforeEnterObserver {
    static final String REPORT = "report";
    static final int HISTORY = 50;
    static final int REFRESH_MILLIS = 5000;
    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    private final ReportStore reports;
    private final ReportRunner runner;
    private final InsightStore insights;
    private final ProjectTimezones timezones;
    private final Actor actor;
    private final List<Project> visible;
    private final Grid<Report> list = new Grid<>();
    private final H3 heading = new H3();
    private final ReportForm form = new ReportForm();
    private final Button save = new Button("Save", e -> save());
    private final Button sendNow = new Button("Send now", e -> sendNow());
    private final Button delete = new Button("Delete", e -> delete());
    private final Span status = new Span();
    private final Span secret = new Span();
    private final Grid<ReportDelivery> history = new Grid<>();
    private Long project;
    private Report report;

    public ReportsView(
            ReportStore reports,
            ReportRunner runner,
            InsightStore insights,
            ProjectTimezones timezones,
            ProjectAccess access) {
        this.reports = reports;
        this.runner = runner;
        this.insights = insights;
        this.timezones = timezones;
        this.actor = access.current();
        this.visible = access.projects(actor);
        setId("reports");
        getStyle().set("padding", "var(--lumo-space-l)").set("box-sizing", "border-box");
        list.setId("report-list");
        list.setAllRowsVisible(true);
        list.addComponentColumn(r -> new Anchor(link(r.projectId(), r.id()), r.name()))
                .setHeader("Report")
                .setFlexGrow(1);
        list.addColumn(r -> r.schedule().cron() + " (" + r.schedule().zone().getId() + ")")
                .setHeader("Schedule")
                .setAutoWidth(true);
        list.addColumn(r -> r.enabled() ? when(r.nextRunAt(), r.schedule().zone()) : "paused")
                .setHeader("Next")
                .setAutoWidth(true);
        Button create = new Button("New report", e -> navigate(null));
        create.setId("new-report");
        save.setId("save-report");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        sendNow.setId("send-report");
        delete.setId("delete-report");
        delete.addThemeVariants(ButtonVariant.LUMO_ERROR);
        status.setId("status");
        secret.setId("webhook-secret");
        history.setId("report-history");
        history.setAllRowsVisible(true);
        history.addThemeVariants(GridVariant.LUMO_WRAP_CELL_CONTENT, GridVariant.LUMO_COMPACT);
        history.addColumn(d -> when(d.finishedAt(), zone()) + " · " + d.trigger())
                .setHeader("When")
                .setFlexGrow(2);
        history.addColumn(d -> d.channel() + " " + d.target()).setHeader("To").setFlexGrow(2);
        history.addColumn(ReportDelivery::status).setHeader("Status").setFlexGrow(1);
        history.addColumn(d -> d.status().equals("sent") ? d.attachments() : d.detail())
                .setHeader("Files or reason")
                .setFlexGrow(3);
        VerticalLayout editor =
                new VerticalLayout(
                        heading, form, new HorizontalLayout(save, sendNow, delete), status, secret);
        editor.setPadding(false);
        editor.getStyle().set("flex", "3 1 0").set("min-width", "0");
        VerticalLayout deliveries = new VerticalLayout(new H3("Deliveries"), history);
        deliveries.setPadding(false);
        deliveries.getStyle().set("flex", "2 1 0").set("min-width", "0");
        HorizontalLayout columns = new HorizontalLayout(editor, deliveries);
        columns.setWidthFull();
        add(new H2("Reports"), create, list, columns);
        // a scheduled delivery shows up on its own
        Polling.every(this, REFRESH_MILLIS, this::refresh);
    }

    private void refresh() {
        if (project == null) {
            return;
        }
        try {
            list.setItems(reports.list(actor, project));
            showHistory();
        } catch (AccessDeniedException e) {
            status.setText(e.getMessage());
        }
    }

    /** The page of a project's report. */
    static String link(long projectId, long reportId) {
        return "reports?" + ProjectParameter.NAME + "=" + projectId + "&" + REPORT + "=" + reportId;
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        List<String> named = event.getLocation().getQueryParameters().getParameters().get(REPORT);
        Long id = null;
        try {
            id = named == null || named.isEmpty() ? null : Long.parseLong(named.get(0));
        } catch (NumberFormatException e) {
            // a mangled link: a new report
        }
        open(ProjectParameter.of(event.getLocation(), visible).orElse(null), id);
    }

    void open(Long projectId, Long reportId) {
        project = projectId;
        report = null;
        status.setText("");
        if (project == null) {
            status.setText(ProjectParameter.NONE_YET);
            setEditing(false);
            return;
        }
        try {
            List<Report> all = reports.list(actor, project);
            list.setItems(all);
            List<SavedInsight> saved = insights.list(actor, project);
            report =
                    reportId == null
                            ? null
                            : all.stream().filter(r -> r.id() == reportId).findFirst().orElse(null);
            if (report == null) {
                heading.setText("New report");
                form.clear(saved, zone());
                if (all.isEmpty()) {
                    status.setText(
                            "No report yet: choose presets or saved insights, a schedule and"
                                    + " where to send it, then save.");
                }
            } else {
                heading.setText(report.name());
                form.fill(report, saved);
            }
            showHistory();
            setEditing(actor.role().canEdit());
        } catch (AccessDeniedException e) {
            status.setText(e.getMessage());
            setEditing(false);
        }
    }

    private void setEditing(boolean canEdit) {
        form.setEnabled(canEdit);
        save.setEnabled(canEdit);
        sendNow.setEnabled(canEdit && report != null);
        delete.setEnabled(canEdit && report != null);
    }

    void save() {
        try {
            Report saved =
                    report == null
                            ? reports.create(actor, project, form.draft())
                            : reports.update(actor, project, report.id(), form.draft());
            navigate(saved.id());
            status.setText(
                    saved.enabled()
                            ? "Saved: next sent "
                                    + when(saved.nextRunAt(), saved.schedule().zone())
                                    + " ("
                                    + saved.schedule().zone().getId()
                                    + ")."
                            : "Saved; it is sent only when you send it now.");
        } catch (IllegalArgumentException | AccessDeniedException e) {
            status.setText(e.getMessage());
        }
    }

    void sendNow() {
        if (report == null) {
            return;
        }
        try {
            List<ReportDelivery> done = runner.sendNow(actor, project, report.id());
            status.setText(
                    done.stream()
                            .map(
                                    d ->
                                            d.channel()
                                                    + (d.status().equals("sent")
                                                            ? " sent to " + d.target()
                                                            : " failed: " + d.detail()))
                            .collect(Collectors.joining("; ", "", ".")));
            showHistory();
        } catch (IllegalArgumentException | AccessDeniedException e) {
            status.setText(e.getMessage());
        }
    }

    void delete() {
        if (report == null) {
            return;
        }
        try {
            reports.delete(actor, project, report.id());
            navigate(null);
            status.setText("Deleted.");
        } catch (AccessDeniedException e) {
            status.setText(e.getMessage());
        }
    }

    private void showHistory() {
        secret.setText(
                report == null || report.webhookUrl().isEmpty() || !actor.role().canEdit()
                        ? ""
                        : "The webhook's signing secret: "
                                + report.webhookSecret()
                                + " (X-Streamlytics-Signature: v1=HMAC-SHA256 of"
                                + " \"timestamp.body\").");
        history.setItems(
                report == null ? List.of() : reports.history(actor, project, report.id(), HISTORY));
    }

    private void navigate(Long reportId) {
        Map<String, String> parameters =
                reportId == null
                        ? Map.of(ProjectParameter.NAME, Long.toString(project))
                        : Map.of(
                                ProjectParameter.NAME,
                                Long.toString(project),
                                REPORT,
                                Long.toString(reportId));
        // the address says which report is open; the page stays as it is
        getUI().ifPresent(
                        ui ->
                                ui.getPage()
                                        .getHistory()
                                        .pushState(
                                                null,
                                                new Location(
                                                        "reports",
                                                        QueryParameters.simple(parameters))));
        open(project, reportId);
    }

    private ZoneId zone() {
        return project == null ? ZoneId.of("UTC") : timezones.of(project);
    }

    private static String when(java.time.Instant at, ZoneId zone) {
        return WHEN.format(at.atZone(zone));
    }
}
