package io.streamlytics.console.alerts.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamlytics.console.alerts.domain.Channel;
import io.streamlytics.console.base.delivery.Mailers;
import io.streamlytics.core.config.PlatformConfig;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/** Email over the platform's SMTP server: the title as subject, one line per alert. */
final class EmailSender implements ChannelSender {
    private final JavaMailSenderImpl mail;
    private final PlatformConfig.Smtp smtp;

    EmailSender(PlatformConfig.Smtp smtp) {
        this.smtp = smtp;
        this.mail = Mailers.of(smtp);
    }

    @Override
    public void send(Channel channel, long deliveryId, JsonNode payload) {
        Mailers.requireConfigured(smtp);
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(smtp.from());
        message.setTo(channel.addresses().toArray(String[]::new));
        message.setSubject(payload.path("title").asText());
        message.setText(Notices.text(payload, false) + "\n(delivery " + deliveryId + ")\n");
        mail.send(message);
    }
}
