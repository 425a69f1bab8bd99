package io.streamlytics.console.funnels.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamlytics.console.insights.domain.Filter;
import java.util.List;
import org.junit.jupiter.api.Test;

class FunnelFormTest {

    @Test
    void aLinkGivesBackTheSameFunnel() {
        FunnelForm form = new FunnelForm();
        form.steps = List.of("viewed", "carted", "paid");
        form.within = List.of("", "", "1h");
        form.filters = List.of(new Filter("$country", "equals", "DE, AT"));
        form.exclusions = List.of(new FunnelForm.Exclusion("cancelled", 2, 3));
        form.window = "1d";
        form.order = "strict";
        form.breakdown = "plan";
        form.view = "trend";

        FunnelForm back = FunnelForm.fromParameter(form.toParameter());

        assertThat(back.toQuery()).isEqualTo(form.toQuery());
        assertThat(form.toQuery().toString())
                .contains(
                        "\"steps\":[{\"event\":\"viewed\"},{\"event\":\"carted\"},{\"event\":\"paid\",\"within\":\"1h\"}]")
                .contains(
                        "\"exclusions\":[{\"event\":\"cancelled\",\"after_step\":2,\"before_step\":3}]")
                .contains("\"granularity\":\"day\"");
    }

    @Test
    void thePeopleWhoDroppedAreAQueryOfTheirOwn() {
        FunnelForm form = new FunnelForm();
        form.steps = List.of("viewed", "paid");
        form.breakdown = "plan";

        assertThat(form.peopleQuery(2, false).toString())
                .contains("\"view\":\"people\"", "\"people\":{\"step\":2,\"status\":\"dropped\"}")
                .doesNotContain("breakdown");
    }
}
