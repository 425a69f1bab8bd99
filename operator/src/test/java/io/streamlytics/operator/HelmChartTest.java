package io.streamlytics.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The Helm chart in {@code charts/streamlytics}, linted and rendered by the real Helm library. */
class HelmChartTest {
    private static final Path CHART =
            Path.of("..", "charts", "streamlytics").toAbsolutePath().normalize();
    private static final Path VALUES = CHART.resolve("ci/external-services-values.yaml");

    @Test
    void lintsCleanlyInStrictMode() {
        LintResult result = new Helm(CHART).lint().strict().call();

        assertThat(result.isFailed()).as(String.join("\n", result.getMessages())).isFalse();
    }

    @Test
    void rendersTheCollectorAndConsoleWithTheConfiguredServices() {
        String manifests =
                new Helm(CHART).template().withName("demo").withValuesFile(VALUES).call();

        assertThat(manifests)
                .contains("name: demo-streamlytics-collector", "name: demo-streamlytics-console")
                .contains("value: \"http://clickhouse:8123\"")
                .contains("image: ghcr.io/streamlytics/collector@sha256:0000")
                .contains("name: streamlytics-secrets")
                .doesNotContain("PASSWORD\n          value");
    }

    @Test
    void mountsASharedExportsClaimOnTheConsoleWhenOneIsGiven() {
        String without = new Helm(CHART).template().withName("demo").withValuesFile(VALUES).call();
        assertThat(without).doesNotContain("persistentVolumeClaim", "ANALYTICS_HOME");
        String with =
                new Helm(CHART)
                        .template()
                        .withName("demo")
                        .withValuesFile(VALUES)
                        .set("console.exports.existingClaim", "shared-exports")
                        .call();
        assertThat(with)
                .contains("claimName: shared-exports")
                .contains("mountPath: /var/lib/streamlytics/exports")
                .contains("name: ANALYTICS_HOME\n              value: /var/lib/streamlytics")
                .contains("value: \"http://demo-streamlytics-collector:8088\"");
    }

    @Test
    void refusesToRenderWithoutTheExternalServices() {
        assertThatThrownBy(() -> new Helm(CHART).template().withName("demo").call())
                .hasMessageContaining("config.kafkaBootstrap is required");
    }
}
