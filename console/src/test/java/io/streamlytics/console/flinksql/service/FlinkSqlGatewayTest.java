package io.streamlytics.console.flinksql.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FlinkSqlGatewayTest {

    @Test
    void theGatewaysErrorIsItsCauseWithoutTheStack() {
        String body =
                "{\"errors\": [\"Internal server error.\", \"<Exception on server side:\\n"
                        + "org.apache.flink.table.gateway.api.utils.SqlGatewayException: Failed to"
                        + " execute the statement.\\n\\tat org.apache.flink...\\n"
                        + "Caused by: org.apache.flink.table.api.ValidationException: SQL validation"
                        + " failed. From line 1, column 15 to line 1, column 18: Object 'nope' not"
                        + " found\\n\\tat ...\"]}";
        assertThat(FlinkSqlGateway.explain(body))
                .isEqualTo(
                        "SQL validation failed. From line 1, column 15 to line 1, column 18:"
                                + " Object 'nope' not found");
        assertThat(FlinkSqlGateway.explain("{\"errors\": [\"Session not found\"]}"))
                .isEqualTo("Session not found");
    }
}
