package io.streamlytics.console.base.security;

import com.vaadin.flow.spring.security.VaadinWebSecurity;
import io.streamlytics.console.base.ui.LoginView;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Every view needs a login, except the login view, public dashboard links (their token is the key),
 * the liveness probe and the chart library.
 */
@EnableWebSecurity
@Configuration
class SecurityConfiguration extends VaadinWebSecurity {

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }

    @Override
    protected void configure(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(
                auth ->
                        auth.requestMatchers("/actuator/health", "/actuator/health/**")
                                .permitAll()
                                // the chart library (public code): a public dashboard link draws
                                // its charts without a session
                                .requestMatchers("/webjars/echarts/**")
                                .permitAll());
        super.configure(http);
        setLoginView(http, LoginView.class);
    }
}
