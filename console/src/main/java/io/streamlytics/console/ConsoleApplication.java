package io.streamlytics.console;

import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.component.page.Push;
import com.vaadin.flow.theme.Theme;
import com.vaadin.flow.theme.lumo.Lumo;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The analysts' web console. */
@SpringBootApplication
@Theme(themeClass = Lumo.class)
@Push // the live dashboard updates itself
public class ConsoleApplication implements AppShellConfigurator {
    public static void main(String[] args) {
        SpringApplication.run(ConsoleApplication.class, args);
    }
}
