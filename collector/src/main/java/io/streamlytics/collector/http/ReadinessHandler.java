package io.streamlytics.collector.http;

import io.streamlytics.collector.kafka.EventPublisher;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * Ready when Kafka answers: a load balancer sends no traffic to a collector that cannot store it.
 */
final class ReadinessHandler implements Handler<RoutingContext> {
    private final EventPublisher publisher;

    ReadinessHandler(EventPublisher publisher) {
        this.publisher = publisher;
    }

    @Override
    public void handle(RoutingContext ctx) {
        ctx.vertx()
                .executeBlocking(publisher::kafkaReachable)
                .onComplete(
                        result -> {
                            boolean ready =
                                    result.succeeded() && Boolean.TRUE.equals(result.result());
                            ctx.response()
                                    .setStatusCode(ready ? 200 : 503)
                                    .end(ready ? "ready" : "Kafka is not reachable");
                        });
    }
}
