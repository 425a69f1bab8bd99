package io.streamlytics.launcher.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** A client of the console's live WebSocket API: whole text messages, one at a time. */
public final class LiveApiSocket {
    private LiveApiSocket() {}

    /** Connects to {@code project}'s live stream with an API token; fails after 30 s. */
    public static WebSocket connect(
            String consoleUrl, long project, String token, Consumer<String> messages)
            throws Exception {
        return HttpClient.newHttpClient()
                .newWebSocketBuilder()
                .header("Authorization", "Bearer " + token)
                .buildAsync(
                        URI.create(
                                consoleUrl.replace("http:", "ws:")
                                        + "/api/v1/projects/"
                                        + project
                                        + "/live/ws"),
                        new WebSocket.Listener() {
                            private final StringBuilder text = new StringBuilder();

                            @Override
                            public CompletionStage<?> onText(
                                    WebSocket ws, CharSequence data, boolean last) {
                                text.append(data);
                                if (last) {
                                    messages.accept(text.toString());
                                    text.setLength(0);
                                }
                                ws.request(1);
                                return null;
                            }
                        })
                .get(30, TimeUnit.SECONDS);
    }
}
