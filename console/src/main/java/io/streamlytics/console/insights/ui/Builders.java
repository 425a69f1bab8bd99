package io.streamlytics.console.insights.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.Location;
import com.vaadin.flow.router.QueryParameters;
import io.streamlytics.console.access.domain.Actor;
import io.streamlytics.console.base.ui.ProjectParameter;
import io.streamlytics.console.insights.service.InsightQueries;
import io.streamlytics.console.insights.service.InsightStore;
import io.streamlytics.query.InvalidQueryException;
import io.streamlytics.query.QueryLimitException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.AccessDeniedException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What the insight builders share: running and saving a query, and keeping it in the URL. */
public final class Builders {
    /** The URL parameter holding a builder's query (LinkedQuery). */
    public static final String QUERY = "q";

    private static final Logger LOG = LoggerFactory.getLogger(Builders.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Builders() {}

    public static Select<String> select(String label, List<String> items, String id) {
        Select<String> select = new Select<>();
        select.setLabel(label);
        select.setItems(items);
        select.setValue(items.get(0));
        if (id != null) {
            select.setId(id);
        }
        return select;
    }

    /** Puts the builder's state in the browser's URL (no reload), so the address reproduces it. */
    public static void keepInUrl(
            Component view, String route, long project, String query, Map<String, String> more) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put(ProjectParameter.NAME, Long.toString(project));
        parameters.put(QUERY, query);
        parameters.putAll(more);
        view.getUI()
                .ifPresent(
                        ui ->
                                ui.getPage()
                                        .getHistory()
                                        .replaceState(
                                                null,
                                                new Location(
                                                        route,
                                                        QueryParameters.simple(parameters))));
    }

    /**
     * Runs an analysis for the person; its result, or empty after telling {@code problem} why not
     * in a sentence they can act on.
     */
    public static Optional<JsonNode> run(
            InsightQueries queries,
            Actor actor,
            long project,
            String analysis,
            String query,
            Consumer<String> problem) {
        try {
            return Optional.of(
                    JSON.readTree(queries.run(actor, project, analysis, query)).path("result"));
        } catch (InvalidQueryException e) {
            problem.accept("This query cannot run: " + String.join("; ", e.problems()));
        } catch (QueryLimitException | AccessDeniedException e) {
            problem.accept(e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("{} of project {} failed: {}", analysis, project, e.toString());
            problem.accept("ClickHouse could not answer just now; run it again in a moment.");
        }
        return Optional.empty();
    }

    /** Saves an insight by name; says so, or tells {@code problem} why not. */
    public static void save(
            InsightStore store,
            Actor actor,
            long project,
            String name,
            String analysis,
            String query,
            String chart,
            Consumer<String> problem) {
        try {
            store.save(actor, project, name, analysis, query, chart);
            problem.accept("");
            Notification.show("Saved " + name.strip() + ".");
        } catch (InvalidQueryException e) {
            problem.accept("Not saved, this query cannot run: " + String.join("; ", e.problems()));
        } catch (IllegalArgumentException | AccessDeniedException e) {
            problem.accept("Not saved: " + e.getMessage());
        }
    }
}
