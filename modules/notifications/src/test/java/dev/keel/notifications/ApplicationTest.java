package dev.keel.notifications;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Base of the tests that run the whole application (users and billing included, so accounts are real)
 * on PostgreSQL and drive it through its API and events.
 */
@SpringBootTest
@AutoConfigureMockMvc
abstract class ApplicationTest {

    @Autowired
    MockMvcTester mvc;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcClient jdbc;

    NotificationsApi api;

    @BeforeEach
    void setUpApi() {
        api = new NotificationsApi(mvc, events, transactions);
    }
}
