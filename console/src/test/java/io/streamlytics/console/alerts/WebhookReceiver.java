package io.streamlytics.console.alerts;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A real HTTP server standing in for the receivers of notifications: each path keeps the requests
 * it got, and answers 200 unless told to fail first.
 */
final class WebhookReceiver implements AutoCloseable {
    /** One request as received, with the time it arrived. */
    record Request(String path, Map<String, String> headers, String body, long receivedAtMillis) {}

    private final HttpServer server;
    private final Map<String, BlockingQueue<Request>> received = new ConcurrentHashMap<>();
    private final Map<String, Queue<Integer>> failures = new ConcurrentHashMap<>();

    WebhookReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext(
                "/",
                exchange -> {
                    String path = exchange.getRequestURI().getPath();
                    Map<String, String> headers = new ConcurrentHashMap<>();
                    exchange.getRequestHeaders()
                            .forEach((k, v) -> headers.put(k.toLowerCase(), String.join(",", v)));
                    String body =
                            new String(
                                    exchange.getRequestBody().readAllBytes(),
                                    StandardCharsets.UTF_8);
                    Integer failure =
                            failures.getOrDefault(path, new ConcurrentLinkedQueue<>()).poll();
                    if (failure == null) {
                        queue(path)
                                .add(new Request(path, headers, body, System.currentTimeMillis()));
                    }
                    exchange.sendResponseHeaders(failure == null ? 200 : failure, -1);
                    exchange.close();
                });
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** The next {@code times} requests to {@code path} get {@code status}. */
    void failNext(String path, int status, int times) {
        Queue<Integer> queue = failures.computeIfAbsent(path, p -> new ConcurrentLinkedQueue<>());
        for (int i = 0; i < times; i++) {
            queue.add(status);
        }
    }

    /**
     * The next request to {@code path} answered 200; null when none came within {@code timeout}.
     */
    Request next(String path, Duration timeout) throws InterruptedException {
        return queue(path).poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Every request to {@code path} received so far, taken from the queue. */
    List<Request> drain(String path) {
        List<Request> all = new ArrayList<>();
        queue(path).drainTo(all);
        return all;
    }

    private BlockingQueue<Request> queue(String path) {
        return received.computeIfAbsent(path, p -> new LinkedBlockingQueue<>());
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
