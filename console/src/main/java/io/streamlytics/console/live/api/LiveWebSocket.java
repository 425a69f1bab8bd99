package io.streamlytics.console.live.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamlytics.console.live.domain.LiveFeedEvent;
import io.streamlytics.console.live.domain.LiveSnapshot;
import io.streamlytics.console.live.service.LiveHub;
import io.streamlytics.console.live.service.LiveListener;
import io.streamlytics.console.live.service.LiveSubscription;
import java.util.List;
import java.util.Map;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriTemplate;

/**
 * Live metrics over WebSocket at {@code /api/v1/projects/{project}/live/ws}: JSON messages {@code
 * {"type":"snapshot","data":{...}}} and {@code
 * {"type":"feed","id":...,"dropped":n,"events":[...]}}. A client that reconnects passes the last
 * feed id it saw as {@code ?after=} to resume there.
 *
 * <p>Back-pressure: the hub coalesces snapshots and bounds the feed per client; on top, a session
 * whose sends stay blocked for 10 s or whose buffer exceeds 1 MB is closed.
 */
@Configuration
@EnableWebSocket
class LiveWebSocket extends TextWebSocketHandler implements WebSocketConfigurer {
    static final String PATH = "/api/v1/projects/{project}/live/ws";
    private static final UriTemplate TEMPLATE = new UriTemplate(PATH);
    private static final String SUBSCRIPTION = "live.subscription";

    private final LiveHub hub;
    private final ObjectMapper json;

    LiveWebSocket(LiveHub hub, ObjectMapper json) {
        this.hub = hub;
        this.json = json;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        // the API's own filter chain authenticates the upgrade request; any origin may connect
        // with a token, as with the REST API
        registry.addHandler(this, PATH).setAllowedOriginPatterns("*");
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession raw) {
        WebSocketSession session = new ConcurrentWebSocketSessionDecorator(raw, 10_000, 1 << 20);
        long project = Long.parseLong(TEMPLATE.match(raw.getUri().getPath()).get("project"));
        String after =
                UriComponentsBuilder.fromUri(raw.getUri())
                        .build()
                        .getQueryParams()
                        .getFirst("after");
        LiveSubscription subscription =
                hub.subscribe(
                        project,
                        after == null ? "" : after,
                        new LiveListener() {
                            @Override
                            public void snapshot(LiveSnapshot snapshot) throws Exception {
                                send(session, Map.of("type", "snapshot", "data", snapshot));
                            }

                            @Override
                            public void feed(List<LiveFeedEvent> events, long dropped)
                                    throws Exception {
                                send(
                                        session,
                                        Map.of(
                                                "type",
                                                "feed",
                                                "id",
                                                events.get(events.size() - 1).id(),
                                                "dropped",
                                                dropped,
                                                "events",
                                                events));
                            }

                            @Override
                            public void closed() {
                                try {
                                    session.close(CloseStatus.GOING_AWAY);
                                } catch (Exception ignored) {
                                    // already closed
                                }
                            }
                        });
        raw.getAttributes().put(SUBSCRIPTION, subscription);
    }

    private void send(WebSocketSession session, Object message) throws Exception {
        session.sendMessage(new TextMessage(json.writeValueAsString(message)));
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        Object subscription = session.getAttributes().remove(SUBSCRIPTION);
        if (subscription instanceof LiveSubscription s) {
            s.close();
        }
    }
}
