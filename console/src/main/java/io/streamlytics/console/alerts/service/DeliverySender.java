package io.streamlytics.console.alerts.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamlytics.console.alerts.domain.Channel;
import io.streamlytics.console.alerts.domain.ChannelKind;
import io.streamlytics.console.base.concurrent.DaemonThreads;
import io.streamlytics.core.config.PlatformConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Sends the outbox: each due delivery is claimed for a lease (so one console process sends it),
 * sent, and marked sent, or retried with backoff (1 s doubling to 5 min) until its twelfth attempt
 * fails. A delivery is sent at least once; receivers drop repeats by its id.
 */
@Component
class DeliverySender implements AutoCloseable {
    static final int MAX_ATTEMPTS = 12;
    private static final Duration LEASE = Duration.ofSeconds(60);
    private static final Duration LONGEST_BACKOFF = Duration.ofMinutes(5);
    private static final Logger LOG = LoggerFactory.getLogger(DeliverySender.class);

    private final DeliveryRepository deliveries;
    private final SettingsRepository settings;
    private final AlertRepository alerts;
    private final Clock clock;
    private final Map<ChannelKind, ChannelSender> senders = new EnumMap<>(ChannelKind.class);
    // a slow receiver holds one of these, not the dispatcher
    private final ExecutorService pool =
            Executors.newFixedThreadPool(4, DaemonThreads.named("alert-send-"));

    DeliverySender(
            DeliveryRepository deliveries,
            SettingsRepository settings,
            AlertRepository alerts,
            PlatformConfig config,
            Clock clock) {
        this.deliveries = deliveries;
        this.settings = settings;
        this.alerts = alerts;
        this.clock = clock;
        senders.put(ChannelKind.WEBHOOK, HttpSenders.webhook(clock));
        senders.put(ChannelKind.SLACK, HttpSenders.slack());
        senders.put(ChannelKind.EMAIL, new EmailSender(config.alerts().smtp()));
    }

    /** Sends what is due now and waits for it; returns how many deliveries were tried. */
    int sendDue() throws InterruptedException {
        List<DeliveryRepository.Claimed> claimed = deliveries.claim(clock.instant(), LEASE, 50);
        List<Future<?>> sends =
                claimed.stream().<Future<?>>map(d -> pool.submit(() -> send(d))).toList();
        for (Future<?> send : sends) {
            try {
                send.get();
            } catch (java.util.concurrent.ExecutionException e) {
                LOG.warn("sending a delivery failed unexpectedly", e.getCause());
            }
        }
        return claimed.size();
    }

    private void send(DeliveryRepository.Claimed d) {
        Optional<Channel> channel = settings.channel(d.channelId());
        if (channel.isEmpty()) {
            deliveries.failed(d.id(), "the channel was deleted");
            return;
        }
        try {
            JsonNode payload = Notices.read(d.payload());
            senders.get(channel.get().kind()).send(channel.get(), d.id(), payload);
            deliveries.sent(d.id(), clock.instant());
        } catch (Exception e) {
            String error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            if (d.attempts() >= MAX_ATTEMPTS) {
                deliveries.failed(d.id(), error);
                for (Long alert : d.alertIds()) {
                    alerts.history(
                            alert,
                            "delivery failed",
                            d.kind()
                                    + " to "
                                    + channel.get().name()
                                    + " after "
                                    + d.attempts()
                                    + " attempts: "
                                    + error);
                }
            } else {
                deliveries.retryAt(d.id(), clock.instant().plus(backoff(d.attempts())), error);
            }
        }
    }

    static Duration backoff(int attempts) {
        Duration wait = Duration.ofSeconds(1L << Math.min(attempts - 1, 20));
        return wait.compareTo(LONGEST_BACKOFF) > 0 ? LONGEST_BACKOFF : wait;
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
