package io.streamlytics.console.quality.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;
import io.streamlytics.console.ConsoleViewTest;
import io.streamlytics.console.quality.domain.QualityHour;
import io.streamlytics.console.quality.service.DataQualityReport;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The data quality page with Karibu on a real ClickHouse {@code data_quality} table. */
class DataQualityViewTest extends ConsoleViewTest {
    @Autowired private DataQualityReport report;
    @Autowired private Clock clock;

    @Test
    void hoursWithAnAnomalyOrRejectionsAreShownFirstAndCounted() {
        TestProject shop = newProject("Quality shop");
        long hour = (System.currentTimeMillis() / 1000 / 3600 - 2) * 3600;
        clickhouse.insertJsonEachRow(
                "data_quality",
                String.format(
                                "{\"hour\":%2$d,\"project_id\":%1$d,\"event\":\"purchase\",\"events\":3,\"invalid\":2,\"invalid_reasons\":\"{\\\"timestamp\\\":2}\",\"new_properties\":[\"coupon\"],\"type_changes\":[\"price: string→number\"],\"null_rates\":\"{}\",\"same_hour_last_week\":120,\"anomaly\":1,\"anomaly_score\":-10.7,\"_batch\":\"q\"}%n"
                                        + "{\"hour\":%2$d,\"project_id\":%1$d,\"event\":\"page_view\",\"events\":50,\"invalid\":0,\"invalid_reasons\":\"{}\",\"new_properties\":[],\"type_changes\":[],\"null_rates\":\"{}\",\"same_hour_last_week\":48,\"anomaly\":0,\"anomaly_score\":0.3,\"_batch\":\"q\"}%n"
                                        + "{\"hour\":%2$d,\"project_id\":%3$d,\"event\":\"other\",\"events\":9,\"invalid\":9,\"invalid_reasons\":\"{}\",\"new_properties\":[],\"type_changes\":[],\"null_rates\":\"{}\",\"same_hour_last_week\":-1,\"anomaly\":0,\"anomaly_score\":0,\"_batch\":\"q\"}%n",
                                shop.id(), hour, shop.id() + 1000)
                        .getBytes(StandardCharsets.UTF_8));
        long analyst = signIn("quality@example.com", "viewer");
        access.addMember(shop.id(), analyst);
        DataQualityView view = new DataQualityView(report, clock, access);
        UI.getCurrent().add(view);
        view.open(shop.id());

        assertThat(_get(Span.class, spec -> spec.withId("status")).getText())
                .isEqualTo("1 hour(s) with an anomaly or rejected events.");
        @SuppressWarnings("unchecked")
        Grid<QualityHour> grid = _get(Grid.class, spec -> spec.withId("quality-hours"));
        assertThat(grid.getGenericDataView().getItems().map(QualityHour::event))
                .as("this project's hours only, the anomaly first")
                .containsExactly("purchase", "page_view");
        QualityHour purchase = grid.getGenericDataView().getItems().findFirst().orElseThrow();
        assertThat(purchase.typeChanges()).containsExactly("price: string→number");
        assertThat(purchase.anomalyScore()).isEqualTo(-10.7);
    }
}
