package io.streamlytics.console.insights.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TrendsFormTest {

    private static TrendsForm revenueByCountry() {
        TrendsForm form = new TrendsForm();
        form.series =
                List.of(
                        new TrendsForm.Series("purchase", "sum", "revenue"),
                        new TrendsForm.Series("*", "unique_users", "ignored"));
        form.filters =
                List.of(
                        new Filter("$country", "equals", "DE, AT"),
                        new Filter("amount", "gte", "20"),
                        new Filter("plan", "is_set", "ignored"));
        form.breakdown = "$browser";
        form.range = "90d";
        form.granularity = "week";
        form.compare = true;
        form.chart = "bar";
        return form;
    }

    @Test
    void writesTheQueryOfTheJsonModel() {
        assertThat(revenueByCountry().toQuery().toString())
                .isEqualTo(
                        "{\"version\":1,\"kind\":\"trends\",\"range\":{\"last\":\"90d\"},"
                                + "\"granularity\":\"week\",\"series\":["
                                + "{\"event\":\"purchase\",\"aggregation\":{\"type\":\"sum\",\"property\":\"revenue\"}},"
                                + "{\"event\":\"*\",\"aggregation\":{\"type\":\"unique_users\"}}],"
                                + "\"filters\":["
                                + "{\"property\":\"$country\",\"op\":\"equals\",\"value\":[\"DE\",\"AT\"]},"
                                + "{\"property\":\"amount\",\"op\":\"gte\",\"value\":20.0},"
                                + "{\"property\":\"plan\",\"op\":\"is_set\"}],"
                                + "\"breakdown\":{\"property\":\"$browser\"},\"compare\":true}");
    }

    @Test
    void aLinkGivesBackTheSameForm() {
        TrendsForm form = revenueByCountry();
        TrendsForm back = TrendsForm.fromParameter(form.toParameter(), "bar");

        assertThat(back.toQuery()).isEqualTo(form.toQuery());
        assertThat(back.chart).isEqualTo("bar");
        assertThat(back.filters.get(0).value()).isEqualTo("DE, AT");
        assertThat(back.filters.get(1).value()).isEqualTo("20");
    }

    @Test
    void aMangledLinkGivesTheDefaultForm() {
        TrendsForm back = TrendsForm.fromParameter("not base64 %%%", "pie");

        assertThat(back.toQuery()).isEqualTo(new TrendsForm().toQuery());
        assertThat(back.chart).isEqualTo("line");
    }
}
