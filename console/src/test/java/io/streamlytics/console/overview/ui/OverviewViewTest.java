package io.streamlytics.console.overview.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Span;
import io.streamlytics.console.ConsoleViewTest;
import io.streamlytics.console.access.domain.Project;
import io.streamlytics.console.base.ui.EChart;
import io.streamlytics.console.overview.service.OverviewService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;

/**
 * The Overview page with Karibu (no browser) on the console's own services and real ClickHouse,
 * PostgreSQL and Redis; and per-project access, enforced by the service, not only by the page.
 */
class OverviewViewTest extends ConsoleViewTest {
    @Autowired private OverviewService overviews;

    private static String text(String id) {
        return _get(Span.class, spec -> spec.withId(id)).getText();
    }

    private static String chart(String id) {
        return _get(EChart.class, spec -> spec.withId(id)).option();
    }

    @Test
    void showsAProjectAtAGlance() {
        TestProject shop = newProject("Overview shop");
        long now = System.currentTimeMillis() / 1000 - 120;
        String row =
                "{\"project_id\":%d,\"insert_id\":\"ov-%d\",\"event\":\"%s\",\"distinct_id\":\"%s\","
                        + "\"page_path\":\"%s\",\"properties\":\"%s\",\"timestamp\":%d,\"received_at\":%d}%n";
        String[][] events = {
            {"ann", "page_view", "/pricing", "{}"},
            {"ann", "purchase", "/buy", "{\\\"revenue\\\":30}"},
            {"bob", "page_view", "/", "{}"},
            {"bob", "page_view", "/pricing", "{}"},
            {"cyd", "sign_up", "/signup", "{}"}
        };
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < events.length; i++) {
            String[] e = events[i];
            rows.append(String.format(row, shop.id(), i, e[1], e[0], e[2], e[3], now + i, now + i));
        }
        insert(rows.toString());
        signIn("overview-admin@example.com", "admin");

        OverviewView view = new OverviewView(overviews, access);
        UI.getCurrent().add(view);
        view.load(shop.id());

        assertThat(text("status")).isEmpty();
        assertThat(text("dau")).isEqualTo("3");
        assertThat(text("mau")).isEqualTo("3");
        assertThat(text("events-today")).isEqualTo("5");
        assertThat(text("revenue")).isEqualTo("30.00");
        assertThat(text("arpu")).isEqualTo("10.00");
        assertThat(text("stickiness")).isEqualTo("100%");
        assertThat(text("retention-0")).as("everyone is in their first week").isEqualTo("100.0%");
        assertThat(chart("top-events-chart"))
                .contains("\"data\":[\"page_view\",\"purchase\",\"sign_up\"]")
                .contains("\"data\":[3.0,1.0,1.0]");
        assertThat(chart("top-pages-chart")).contains("\"data\":[\"/pricing\",\"/\"]");
        assertThat(chart("activity-chart")).contains("\"name\":\"DAU\"");
        assertThat(
                        jdbc.queryForObject(
                                "SELECT count(*) FROM audit_log WHERE actor = ? AND project_id = ?"
                                        + " AND action = 'view overview'",
                                Integer.class,
                                "overview-admin@example.com",
                                shop.id()))
                .isEqualTo(1);
    }

    @Test
    void anAnalystOpensOnlyTheirProjects() {
        TestProject mine = newProject("Analyst's own");
        TestProject other = newProject("Someone else's");
        long analyst = signIn("overview-analyst@example.com", "analyst");
        access.addMember(mine.id(), analyst);

        assertThat(access.projects(access.current()))
                .extracting(Project::id)
                .containsExactly(mine.id());
        OverviewView view = new OverviewView(overviews, access);
        UI.getCurrent().add(view);
        view.load(other.id());
        assertThat(text("status")).contains("no access to project " + other.id());
        // the service refuses it too, whatever page or API asks
        assertThatThrownBy(() -> overviews.overview(access.current(), other.id()))
                .isInstanceOf(AccessDeniedException.class);
    }
}
