package io.streamlytics.devstack;

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
 * A real HTTP server on a free port standing in for the receivers of webhooks in tests: each path
 * keeps the requests it got, and answers 200 unless told to fail first.
 */
public final class HttpReceiver implements AutoCloseable {
    /** One request as received (header names in lower case), with the time it arrived. */
    public record Request(
            String path, Map<String, String> headers, String body, long receivedAtMillis) {}

    private final HttpServer server;
    private final Map<String, BlockingQueue<Request>> received = new ConcurrentHashMap<>();
    private final Map<String, Queue<Integer>> failures = new ConcurrentHashMap<>();

    public HttpReceiver() {
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
                            .forEach(
                                    (k, v) ->
                                            headers.put(
                                                    k.toLowerCase(java.util.Locale.ROOT),
                                                    String.join(",", v)));
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

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** The next {@code times} requests to {@code path} get {@code status}. */
    public void failNext(String path, int status, int times) {
        Queue<Integer> queue = failures.computeIfAbsent(path, p -> new ConcurrentLinkedQueue<>());
        for (int i = 0; i < times; i++) {
            queue.add(status);
        }
    }

    /**
     * The next request to {@code path} answered 200; null when none came within {@code timeout}.
     */
    public Request next(String path, Duration timeout) throws InterruptedException {
        return queue(path).poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Every request to {@code path} received so far, taken from the queue. */
    public List<Request> drain(String path) {
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
