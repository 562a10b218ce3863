package dev.keel.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.test.Api;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.transaction.support.TransactionTemplate;

/** Drives the API in notifications tests: accounts through the users module, and events committed as modules do. */
final class NotificationsApi extends Api {

    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;

    NotificationsApi(MockMvcTester mvc, ApplicationEventPublisher events, TransactionTemplate transactions) {
        super(mvc);
        this.events = events;
        this.transactions = transactions;
    }

    /** Publishes and commits, as the users and billing modules do. */
    void commit(Object... published) {
        transactions.executeWithoutResult(status -> {
            for (var event : published) {
                events.publishEvent(event);
            }
        });
    }

    /** Registers an endpoint for the given event types; answers {id, secret}. */
    String[] createEndpoint(Session session, String url, String... events) {
        var created = post("/api/v1/webhook-endpoints", """
                {"url": "%s", "events": ["%s"]}
                """.formatted(url, String.join("\", \"", events)), session);
        assertThat(created).hasStatus(HttpStatus.CREATED);
        return new String[] {field(created, "$.id"), field(created, "$.secret")};
    }
}
