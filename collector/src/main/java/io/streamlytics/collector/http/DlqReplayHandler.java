package io.streamlytics.collector.http;

import io.streamlytics.collector.replay.DlqReplay;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /admin/dlq/replay}: one replay of the dead letters ({@link DlqReplay}), for the
 * console's dead-letter page or an operator holding {@code ANALYTICS_COLLECTOR_ADMIN_TOKEN}. It
 * runs off the event loop, one at a time per collector; the answer is what it did.
 */
final class DlqReplayHandler implements Handler<RoutingContext> {
    private static final Logger LOG = LoggerFactory.getLogger(DlqReplayHandler.class);

    private final Optional<DlqReplay> replay;
    private final BearerToken token;
    private final AtomicBoolean running = new AtomicBoolean();

    DlqReplayHandler(Optional<DlqReplay> replay, String token) {
        this.replay = replay;
        this.token = new BearerToken(token);
    }

    @Override
    public void handle(RoutingContext ctx) {
        if (replay.isEmpty() || !token.configured()) {
            Responses.error(
                    ctx,
                    403,
                    "replay over HTTP is off: set ANALYTICS_COLLECTOR_ADMIN_TOKEN on the collector"
                            + " (and the console), or run bin/analytics replay-dlq");
            return;
        }
        if (!token.presentedIn(ctx)) {
            Responses.error(
                    ctx, 401, "send 'Authorization: Bearer <ANALYTICS_COLLECTOR_ADMIN_TOKEN>'");
            return;
        }
        if (!running.compareAndSet(false, true)) {
            Responses.error(
                    ctx,
                    409,
                    "a replay is already running on this collector; ask again when it ends");
            return;
        }
        ctx.vertx()
                .executeBlocking(() -> replay.get().run(), false)
                .onComplete(
                        done -> {
                            running.set(false);
                            if (done.failed()) {
                                LOG.warn("dead-letter replay failed", done.cause());
                                Responses.error(
                                        ctx,
                                        503,
                                        "the replay stopped: "
                                                + done.cause().getMessage()
                                                + "; letters after the last one it finished wait"
                                                + " for the next replay, nothing was lost");
                                return;
                            }
                            DlqReplay.Summary summary = done.result();
                            ObjectNode body = Responses.JSON.createObjectNode();
                            body.put("letters", summary.letters());
                            body.put("eventsReplayed", summary.eventsReplayed());
                            body.put("stillRejected", summary.stillRejected());
                            body.put("notReplayable", summary.notReplayable());
                            body.put("summary", summary.toString());
                            Responses.json(ctx, 200, body);
                        });
    }
}
