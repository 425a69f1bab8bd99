package io.streamlytics.console.base.delivery;

import io.streamlytics.core.config.PlatformConfig;
import java.util.Properties;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/** A mail sender for the platform's SMTP server (alerts and reports). */
public final class Mailers {
    private Mailers() {}

    public static JavaMailSenderImpl of(PlatformConfig.Smtp smtp) {
        JavaMailSenderImpl mail = new JavaMailSenderImpl();
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
        return mail;
    }

    /** Refuses when no SMTP server is configured, saying how to configure one. */
    public static void requireConfigured(PlatformConfig.Smtp smtp) {
        if (!smtp.configured()) {
            throw new IllegalStateException("no SMTP server: set ANALYTICS_SMTP_HOST");
        }
    }
}
