package io.streamlytics.console.base.ui;

import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;

@Route("login")
@PageTitle("Sign in · Streamlytics")
@AnonymousAllowed
public class LoginView extends Main implements BeforeEnterObserver {
    private final LoginForm login = new LoginForm();

    public LoginView() {
        setSizeFull();
        getStyle()
                .set("display", "flex")
                .set("flex-direction", "column")
                .set("align-items", "center")
                .set("justify-content", "center");
        login.setAction("login");
        login.setForgotPasswordButtonVisible(false);
        add(new H1("Streamlytics"), login);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        login.setError(
                event.getLocation().getQueryParameters().getParameters().containsKey("error"));
    }
}
