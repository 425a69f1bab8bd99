package io.streamlytics.console.sql.ui;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.KeyModifier;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.StreamResource;
import io.streamlytics.console.access.domain.Actor;
import io.streamlytics.console.access.domain.Project;
import io.streamlytics.console.access.service.ProjectAccess;
import io.streamlytics.console.base.ui.CodeEditors;
import io.streamlytics.console.base.ui.MainLayout;
import io.streamlytics.console.base.ui.ProjectParameter;
import io.streamlytics.console.sql.domain.ProjectSql;
import io.streamlytics.console.sql.domain.SqlResult;
import io.streamlytics.console.sql.service.SqlConsole;
import jakarta.annotation.security.PermitAll;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.security.access.AccessDeniedException;

/**
 * The ClickHouse SQL editor: a SELECT over the project's tables, its result in a grid (up to 10,000
 * rows), and that result as CSV.
 */
@Route(value = "sql", layout = MainLayout.class)
@PageTitle("SQL · Streamlytics")
@PermitAll
public class SqlView extends Main implements BeforeEnterObserver {
    static final String EXAMPLE =
            "SELECT event, count() AS events, uniq(distinct_id) AS people\n"
                    + "FROM events\n"
                    + "WHERE timestamp >= now() - INTERVAL 7 DAY\n"
                    + "GROUP BY event\n"
                    + "ORDER BY events DESC\n"
                    + "LIMIT 20";

    private final SqlConsole sql;
    private final Actor actor;
    private final List<Project> visible;
    final TextArea editor = CodeEditors.of("SQL", "sql-editor", "10em");
    private final Button run = new Button("Run", e -> run());
    private final Span status = new Span();
    private final Anchor csv = new Anchor();
    private final Grid<List<String>> grid = new Grid<>();
    private Long project;

    public SqlView(SqlConsole sql, ProjectAccess access) {
        this.sql = sql;
        this.actor = access.current();
        this.visible = access.projects(actor);
        setId("sql");
        getStyle().set("padding", "var(--lumo-space-l)").set("box-sizing", "border-box");
        editor.setValue(EXAMPLE);
        editor.setHelperText(
                "Tables: "
                        + String.join(", ", ProjectSql.TABLES)
                        + " (this project's rows). Ctrl+Enter runs. At most 30 s and 10,000 rows.");
        run.setId("run-sql");
        run.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        run.addClickShortcut(Key.ENTER, KeyModifier.CONTROL);
        status.setId("status");
        csv.setId("sql-csv");
        csv.setText("Download CSV");
        csv.setVisible(false);
        grid.setId("sql-result");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        grid.setHeight("28em");
        HorizontalLayout actions = new HorizontalLayout(run, status, csv);
        actions.setAlignItems(FlexComponent.Alignment.BASELINE);
        add(
                new H2("SQL"),
                new Paragraph(
                        "Ad-hoc ClickHouse SQL over this project's data, read-only. Live queries"
                                + " over the event stream are Flink SQL (docs/flink-sql.md)."),
                editor,
                actions,
                grid);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        open(ProjectParameter.of(event.getLocation(), visible).orElse(null));
    }

    public void open(Long projectId) {
        project = projectId;
        if (project == null) {
            status.setText(ProjectParameter.NONE_YET);
            run.setEnabled(false);
        } else if (!actor.role().canEdit()) {
            status.setText("SQL is for analysts and admins: ask an admin for the analyst role.");
            run.setEnabled(false);
        } else if (!sql.configured()) {
            status.setText("The SQL editor needs a read-only ClickHouse user: see docs/sql.md.");
            run.setEnabled(false);
        }
    }

    public void run() {
        if (project == null) {
            return;
        }
        try {
            SqlResult result = sql.run(actor, project, editor.getValue());
            show(result);
        } catch (IllegalArgumentException | IllegalStateException | AccessDeniedException e) {
            status.setText(e.getMessage());
            grid.removeAllColumns();
            grid.setItems(List.of());
            csv.setVisible(false);
        }
    }

    private void show(SqlResult result) {
        grid.removeAllColumns();
        for (int i = 0; i < result.columns().size(); i++) {
            int index = i;
            grid.addColumn(row -> index < row.size() ? row.get(index) : "")
                    .setHeader(result.columns().get(i))
                    .setResizable(true)
                    .setAutoWidth(true);
        }
        grid.setItems(result.rows());
        status.setText(
                String.format(
                        Locale.ROOT,
                        "%,d rows%s in %,d ms",
                        result.rows().size(),
                        result.truncated()
                                ? " (the first " + SqlResult.MAX_ROWS + "; add LIMIT or aggregate)"
                                : "",
                        result.tookMillis()));
        byte[] bytes = csv(result);
        csv.setHref(new StreamResource("query.csv", () -> new ByteArrayInputStream(bytes)));
        csv.getElement().setAttribute("download", true);
        csv.setVisible(!result.columns().isEmpty());
    }

    static byte[] csv(SqlResult result) {
        StringWriter text = new StringWriter();
        try (CSVPrinter printer =
                new CSVPrinter(
                        text,
                        CSVFormat.RFC4180
                                .builder()
                                .setHeader(result.columns().toArray(String[]::new))
                                .get())) {
            for (List<String> row : result.rows()) {
                printer.printRecord(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }
}
