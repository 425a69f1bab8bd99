package io.streamlytics.console.flinksql.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.streamlytics.console.access.domain.Actor;
import io.streamlytics.console.access.service.ProjectAccess;
import io.streamlytics.console.base.ui.CodeEditors;
import io.streamlytics.console.base.ui.MainLayout;
import io.streamlytics.console.base.ui.Polling;
import io.streamlytics.console.flinksql.domain.LiveTable;
import io.streamlytics.console.flinksql.service.FlinkSqlGateway;
import jakarta.annotation.security.RolesAllowed;
import java.io.IOException;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.springframework.security.access.AccessDeniedException;

/**
 * Admins' live Flink SQL: a query over the live event stream (or the history) through the SQL
 * Gateway, its result updated every second as the stream changes it, until it is stopped.
 */
@Route(value = "admin/flink-sql", layout = MainLayout.class)
@PageTitle("Flink SQL · Streamlytics")
@RolesAllowed("ADMIN")
public class FlinkSqlView extends Main {
    static final String EXAMPLE =
            "SELECT projectId, event, COUNT(*) AS events\n"
                    + "FROM streamlytics.live.events\n"
                    + "GROUP BY projectId, event";
    private static final DateTimeFormatter CLOCK =
            DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);

    private final FlinkSqlGateway gateway;
    private final Actor actor;
    final TextArea editor = CodeEditors.of("Flink SQL", "flink-sql-editor", "8em");
    private final Button run = new Button("Run", e -> run());
    private final Button stop = new Button("Stop", e -> stop());
    private final Span status = new Span();
    private final Grid<List<String>> grid = new Grid<>();
    private FlinkSqlGateway.Preview preview;
    private int shownColumns;

    public FlinkSqlView(FlinkSqlGateway gateway, ProjectAccess access) {
        this.gateway = gateway;
        this.actor = access.current();
        setId("flink-sql");
        getStyle().set("padding", "var(--lumo-space-l)").set("box-sizing", "border-box");
        editor.setValue(EXAMPLE);
        run.setId("run-flink-sql");
        run.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        stop.setId("stop-flink-sql");
        stop.setEnabled(false);
        status.setId("status");
        grid.setId("flink-sql-result");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        grid.setHeight("24em");
        HorizontalLayout actions = new HorizontalLayout(run, stop, status);
        actions.setAlignItems(FlexComponent.Alignment.BASELINE);
        add(
                new H2("Flink SQL"),
                new Paragraph(
                        "A live query over every project's stream (streamlytics.live.events,"
                                + " .raw_events) or history (streamlytics.history.*), run by the SQL"
                                + " Gateway's own Flink cluster; the result follows the stream"
                                + " until you stop it. docs/flink-sql.md has the tables and"
                                + " examples."),
                editor,
                actions,
                grid);
        if (!gateway.configured()) {
            status.setText("No SQL Gateway here: set ANALYTICS_SQL_GATEWAY_PORT.");
            run.setEnabled(false);
        }
        Polling.every(this, 1000, this::tick);
        addDetachListener(e -> stop());
    }

    public void run() {
        stop();
        try {
            preview = gateway.start(actor, editor.getValue());
            shownColumns = 0;
            grid.removeAllColumns();
            grid.setItems(List.of());
            stop.setEnabled(true);
            status.setText("Starting: Flink plans the query and starts its job…");
        } catch (IllegalArgumentException | IllegalStateException | AccessDeniedException e) {
            status.setText(e.getMessage());
        } catch (IOException e) {
            status.setText("The SQL Gateway did not answer: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Fetches what the query produced since the last second and shows the result as it stands. */
    public void tick() {
        if (preview == null) {
            return;
        }
        try {
            gateway.fetch(preview);
        } catch (IllegalArgumentException e) {
            status.setText(e.getMessage());
            preview = null;
            stop.setEnabled(false);
            return;
        } catch (IOException e) {
            status.setText("The SQL Gateway did not answer: " + e.getMessage());
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        LiveTable table = preview.table();
        if (shownColumns == 0 && !table.columns().isEmpty()) {
            List<String> columns = table.columns();
            for (int i = 0; i < columns.size(); i++) {
                int index = i;
                grid.addColumn(row -> index < row.size() ? row.get(index) : "")
                        .setHeader(columns.get(i))
                        .setAutoWidth(true);
            }
            shownColumns = columns.size();
        }
        grid.setItems(table.rows());
        status.setText(
                (preview.ended() ? "Done: " : "Live: ")
                        + table.rows().size()
                        + " rows after "
                        + table.changes()
                        + " changes, at "
                        + CLOCK.format(LocalTime.now()));
        if (preview.ended()) {
            preview = null;
            stop.setEnabled(false);
        }
    }

    public void stop() {
        if (preview != null) {
            gateway.stop(preview);
            preview = null;
            status.setText("Stopped.");
        }
        stop.setEnabled(false);
    }
}
