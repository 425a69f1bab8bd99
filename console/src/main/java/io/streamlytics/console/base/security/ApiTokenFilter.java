package io.streamlytics.console.base.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.streamlytics.core.postgres.ApiTokens;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code /api/**} requests by a project's API token: {@code Authorization: Bearer
 * at_...}, or {@code ?access_token=at_...} where a browser cannot set headers (WebSocket,
 * EventSource). The token's project must be the project in the path. Lookups are cached for 30 s,
 * so a revoked token stops working within 30 s.
 */
final class ApiTokenFilter extends OncePerRequestFilter {
    private static final Pattern PROJECT_PATH = Pattern.compile("^/api/v1/projects/(\\d+)(/.*)?$");

    private final ApiTokens tokens;
    private final Cache<String, Optional<Long>> projects =
            Caffeine.newBuilder()
                    .maximumSize(10_000)
                    .expireAfterWrite(Duration.ofSeconds(30))
                    .build();

    ApiTokenFilter(ApiTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    protected void doFilterInternal(
            HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String token = token(request);
        if (token == null) {
            refuse(
                    response,
                    HttpServletResponse.SC_UNAUTHORIZED,
                    "send a project API token: Authorization: Bearer at_... (or ?access_token= for"
                            + " WebSocket and EventSource)");
            return;
        }
        Optional<Long> project = projects.get(token, tokens::project);
        if (project.isEmpty()) {
            refuse(
                    response,
                    HttpServletResponse.SC_UNAUTHORIZED,
                    "this API token is unknown or revoked");
            return;
        }
        Matcher path = PROJECT_PATH.matcher(request.getRequestURI());
        if (path.matches() && Long.parseLong(path.group(1)) != project.get()) {
            refuse(
                    response,
                    HttpServletResponse.SC_FORBIDDEN,
                    "this API token belongs to project "
                            + project.get()
                            + ", not project "
                            + path.group(1));
            return;
        }
        SecurityContextHolder.getContext()
                .setAuthentication(
                        new UsernamePasswordAuthenticationToken(
                                "project:" + project.get(),
                                null,
                                List.of(new SimpleGrantedAuthority("ROLE_API"))));
        chain.doFilter(request, response);
    }

    private static String token(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return header.substring(7).trim();
        }
        return request.getParameter("access_token");
    }

    private static void refuse(HttpServletResponse response, int status, String reason)
            throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.getWriter()
                .write(
                        "{\"error\":\""
                                + reason.replace("\\", "\\\\").replace("\"", "\\\"")
                                + "\"}");
    }
}
