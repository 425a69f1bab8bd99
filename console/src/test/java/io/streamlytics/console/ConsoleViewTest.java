package io.streamlytics.console;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.Routes;
import io.streamlytics.console.access.TestUsers;
import io.streamlytics.console.access.service.ProjectAccess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Views tested with Karibu (no browser) on the running console's own services and its real
 * ClickHouse, PostgreSQL, Redis and Kafka; a view is built by the test with those services.
 */
public abstract class ConsoleViewTest extends ConsoleApiTest {
    @Autowired protected ProjectAccess access;
    @Autowired protected JdbcTemplate jdbc;

    @BeforeEach
    void mockVaadin() {
        MockVaadin.setup(new Routes());
    }

    @AfterEach
    void closeVaadin() {
        MockVaadin.tearDown();
        TestUsers.signOut();
    }

    /** Creates the user if needed and signs them in for what the test does next; their id. */
    protected long signIn(String email, String role) {
        long id = TestUsers.create(jdbc, email, role);
        TestUsers.signIn(email, role);
        return id;
    }
}
