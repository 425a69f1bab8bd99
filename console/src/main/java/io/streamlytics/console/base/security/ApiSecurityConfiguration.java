package io.streamlytics.console.base.security;

import io.streamlytics.core.config.PlatformConfig;
import io.streamlytics.core.postgres.ApiTokens;
import io.streamlytics.core.postgres.PostgresSettings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

/**
 * The API ({@code /api/**}) is for programs: stateless, authenticated by project API tokens ({@link
 * ApiTokenFilter}), no sessions, no CSRF (no cookies are involved). It is matched before the
 * console's login-based chain.
 */
@Configuration
class ApiSecurityConfiguration {

    @Bean
    ApiTokens apiTokens(PlatformConfig config) {
        return new ApiTokens(PostgresSettings.from(config.postgres()));
    }

    /**
     * Acknowledge links from notifications ({@code /alerts/ack/**}): the link's HMAC signature is
     * the authority (checked by the alerts feature), so there is no login, no session and no CSRF
     * token (no cookie carries authority here).
     */
    @Bean
    @Order(0)
    SecurityFilterChain signedLinkFilterChain(HttpSecurity http) throws Exception {
        return http.securityMatcher("/alerts/ack/**")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
                .build();
    }

    @Bean
    @Order(1)
    SecurityFilterChain apiFilterChain(HttpSecurity http, ApiTokens tokens) throws Exception {
        return http.securityMatcher("/api/**")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .addFilterBefore(new ApiTokenFilter(tokens), AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(auth -> auth.anyRequest().hasRole("API"))
                .build();
    }
}
