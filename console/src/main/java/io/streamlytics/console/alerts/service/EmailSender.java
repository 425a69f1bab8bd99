package io.streamlytics.console.alerts.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamlytics.console.alerts.domain.Channel;
import io.streamlytics.core.config.PlatformConfig;
import java.util.Properties;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/** Email over the platform's SMTP server: the title as subject, one line per alert. */
final class EmailSender implements ChannelSender {
    private final JavaMailSenderImpl mail;
    private final PlatformConfig.Smtp smtp;

    EmailSender(PlatformConfig.Smtp smtp) {
        this.smtp = smtp;
        this.mail = new JavaMailSenderImpl();
        mail.setHost(smtp.host());
        mail.setPort(smtp.port());
        if (!smtp.user().isEmpty()) {
            mail.setUsername(smtp.user());
            mail.setPassword(smtp.password());
        }
        Properties properties = mail.getJavaMailProperties();
        properties.put("mail.smtp.auth", Boolean.toString(!smtp.user().isEmpty()));
        properties.put("mail.smtp.starttls.enable", Boolean.toString(smtp.startTls()));
        properties.put("mail.smtp.starttls.required", Boolean.toString(smtp.startTls()));
        properties.put("mail.smtp.connectiontimeout", "5000");
        properties.put("mail.smtp.timeout", "5000");
        properties.put("mail.smtp.writetimeout", "5000");
    }

    @Override
    public void send(Channel channel, long deliveryId, JsonNode payload) {
        if (!smtp.configured()) {
            throw new IllegalStateException("no SMTP server: set ANALYTICS_SMTP_HOST");
        }
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(smtp.from());
        message.setTo(channel.addresses().toArray(String[]::new));
        message.setSubject(payload.path("title").asText());
        message.setText(Notices.text(payload, false) + "\n(delivery " + deliveryId + ")\n");
        mail.send(message);
    }
}
