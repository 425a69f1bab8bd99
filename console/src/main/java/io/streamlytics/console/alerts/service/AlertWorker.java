package io.streamlytics.console.alerts.service;

import io.streamlytics.console.base.concurrent.DaemonThreads;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The engine's clock: every 200 ms, and at once when detections arrive, dispatches due alerts and
 * sends due deliveries. One thread, so runs never overlap in this process; other console processes
 * take other rows (SKIP LOCKED).
 */
@Component
public class AlertWorker implements SmartLifecycle {
    static final long TICK_MS = 200;
    private static final Logger LOG = LoggerFactory.getLogger(AlertWorker.class);

    private final AlertDispatcher dispatcher;
    private final DeliverySender sender;
    private final AtomicBoolean queued = new AtomicBoolean();
    private ScheduledExecutorService thread;

    AlertWorker(AlertDispatcher dispatcher, DeliverySender sender) {
        this.dispatcher = dispatcher;
        this.sender = sender;
    }

    /** Runs as soon as the thread is free (detections arrived, an alert was acknowledged). */
    public void wake() {
        ScheduledExecutorService running = thread;
        if (running != null && queued.compareAndSet(false, true)) {
            running.execute(this::run);
        }
    }

    private void run() {
        queued.set(false);
        try {
            while (dispatcher.dispatch() == AlertDispatcher.BATCH) {
                // more are due: keep going before sending
            }
            sender.sendDue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // PostgreSQL away: the next tick tries again; nothing is lost, the rows wait
            LOG.warn("alert engine: {}", e.getMessage());
        }
    }

    @Override
    public synchronized void start() {
        thread = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("alert-worker-"));
        thread.scheduleWithFixedDelay(this::run, TICK_MS, TICK_MS, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (thread != null) {
            thread.shutdownNow();
            try {
                thread.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            thread = null;
        }
    }

    @Override
    public boolean isRunning() {
        return thread != null;
    }
}
