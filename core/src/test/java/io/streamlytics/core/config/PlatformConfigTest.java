package io.streamlytics.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlatformConfigTest {

    @Test
    void localDefaultsNeedNoEnvironment() {
        PlatformConfig config = PlatformConfig.fromEnvironment(Map.of());

        assertThat(config.kafka().embedded()).isTrue();
        assertThat(config.kafka().effectiveBootstrapServers()).isEqualTo("127.0.0.1:19092");
        assertThat(config.clickhouse().local()).isTrue();
        assertThat(config.clickhouse().database()).isEqualTo("analytics");
        assertThat(config.postgres().effectiveUrl())
                .isEqualTo("jdbc:postgresql://127.0.0.1:15432/analytics");
        assertThat(config.flink().checkpointInterval()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void environmentOverridesDefaults() {
        PlatformConfig config =
                PlatformConfig.fromEnvironment(
                        Map.of(
                                "ANALYTICS_COLLECTOR_PORT", "9999",
                                "ANALYTICS_KAFKA_BOOTSTRAP", "kafka-1:9092,kafka-2:9092",
                                "ANALYTICS_CLICKHOUSE_URL", "https://ch.example.com:8443"));

        assertThat(config.collector().port()).isEqualTo(9999);
        assertThat(config.kafka().embedded()).isFalse();
        assertThat(config.clickhouse().effectiveUrl()).isEqualTo("https://ch.example.com:8443");
    }

    @Test
    void everyWrongKeyIsReportedWithWhatIsExpected() {
        assertThatThrownBy(
                        () ->
                                PlatformConfig.fromEnvironment(
                                        Map.of(
                                                "ANALYTICS_REDIS_PORT", "abc",
                                                "ANALYTICS_CONSOLE_PORT", "70000",
                                                "ANALYTICS_CLICKHOUSE_DATABASE", "drop table;",
                                                "ANALYTICS_POSTGRES_URL", "mysql://x",
                                                "ANALYTICS_FLINK_JOBS", "metrics,scoring")))
                .isInstanceOfSatisfying(
                        ConfigException.class,
                        e ->
                                assertThat(e.problems())
                                        .containsExactlyInAnyOrder(
                                                "ANALYTICS_REDIS_PORT='abc': expected a TCP port number between 1 and 65535",
                                                "ANALYTICS_CONSOLE_PORT='70000': expected a TCP port number between 1 and 65535",
                                                "ANALYTICS_CLICKHOUSE_DATABASE='drop table;': expected a name of letters, digits and '_' that starts with a letter",
                                                "ANALYTICS_POSTGRES_URL='mysql://x': expected a URL starting with jdbc:postgresql://",
                                                "ANALYTICS_FLINK_JOBS: 'scoring' is not one of metrics, pipeline, rules"));
    }

    @Test
    void theLocalStackRunsEveryJobUnlessToldOtherwise() {
        assertThat(PlatformConfig.fromEnvironment(Map.of()).flink().jobs())
                .containsExactlyInAnyOrder("pipeline", "metrics", "rules");
        PlatformConfig metricsOnly =
                PlatformConfig.fromEnvironment(Map.of("ANALYTICS_FLINK_JOBS", " Metrics "));
        assertThat(metricsOnly.flink().runs("metrics")).isTrue();
        assertThat(metricsOnly.flink().runs("pipeline")).isFalse();
    }

    @Test
    void twoServicesOnOnePortIsRejected() {
        assertThatThrownBy(
                        () ->
                                PlatformConfig.fromEnvironment(
                                        Map.of("ANALYTICS_CONSOLE_PORT", "8088")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(
                        "ANALYTICS_CONSOLE_PORT=8088: expected a port no other service uses");
    }
}
