package io.streamlytics.console.base.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.shared.Registration;

/**
 * A page that refreshes itself while it is shown: the browser polls every {@code millis} and {@code
 * refresh} runs on each poll; both stop when the page is left.
 */
public final class Polling {
    private Polling() {}

    public static void every(Component page, int millis, Runnable refresh) {
        Registration[] poll = new Registration[1];
        page.addAttachListener(
                e -> {
                    e.getUI().setPollInterval(millis);
                    poll[0] = e.getUI().addPollListener(p -> refresh.run());
                });
        page.addDetachListener(
                e -> {
                    e.getUI().setPollInterval(-1);
                    if (poll[0] != null) {
                        poll[0].remove();
                    }
                });
    }
}
