package dev.keel.notifications;

import static dev.keel.notifications.NotificationsApi.field;
import static dev.keel.notifications.NotificationsApi.fields;
import static dev.keel.notifications.NotificationsApi.nextCursor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

/** The in-app inbox: pages, unread count, read and read-all, own messages only. */
class InboxTests extends ApplicationTest {

    @Test
    void pagesNewestFirstAndCountsUnread() {
        var session = withMessages(5); // the welcome and four invoices

        var first = api.get("/api/v1/notifications?limit=2", session);
        assertThat(first).hasStatusOk();
        var types = fields(first, "$.items[*].type");
        assertThat(types).containsExactly("invoice_issued", "invoice_issued");
        var cursor = nextCursor(first);

        var ids = new ArrayList<>(fields(first, "$.items[*].id"));
        var next = cursor;
        while (next != null) {
            var page = api.get("/api/v1/notifications?limit=2&cursor=" + next, session);
            ids.addAll(fields(page, "$.items[*].id"));
            next = nextCursor(page);
        }
        assertThat(ids).hasSize(5).doesNotHaveDuplicates().isSortedAccordingTo((a, b) -> b.compareTo(a));
        assertThat(api.get("/api/v1/notifications/unread-count", session))
                .bodyJson()
                .extractingPath("$.count")
                .isEqualTo(5);
        assertThat(api.get("/api/v1/notifications?cursor=forged", session)).hasStatus(HttpStatus.BAD_REQUEST);
    }

    @Test
    void marksOneOrAllRead() {
        var session = withMessages(3);
        var id = field(api.get("/api/v1/notifications", session), "$.items[0].id");

        assertThat(api.post("/api/v1/notifications/" + id + "/read", "", session))
                .hasStatus(HttpStatus.NO_CONTENT);
        assertThat(api.post("/api/v1/notifications/" + id + "/read", "", session))
                .hasStatus(HttpStatus.NO_CONTENT);

        assertThat(api.get("/api/v1/notifications/unread-count", session))
                .bodyJson()
                .extractingPath("$.count")
                .isEqualTo(2);
        assertThat(api.get("/api/v1/notifications?unreadOnly=true", session))
                .bodyJson()
                .extractingPath("$.items[*].id")
                .asArray()
                .hasSize(2)
                .doesNotContain(id);
        assertThat(api.get("/api/v1/notifications", session))
                .bodyJson()
                .extractingPath("$.items[0].readAt")
                .isNotNull();

        assertThat(api.post("/api/v1/notifications/read-all", "", session)).hasStatus(HttpStatus.NO_CONTENT);
        assertThat(api.get("/api/v1/notifications/unread-count", session))
                .bodyJson()
                .extractingPath("$.count")
                .isEqualTo(0);
    }

    @Test
    void keepsMessagesPrivate() {
        var owner = withMessages(2);
        var other = api.newSession();
        var id = field(api.get("/api/v1/notifications", owner), "$.items[0].id");

        assertThat(api.post("/api/v1/notifications/" + id + "/read", "", other))
                .hasStatus(HttpStatus.NOT_FOUND)
                .bodyJson()
                .extractingPath("$.code")
                .isEqualTo("not_found");
        assertThat(api.get("/api/v1/notifications", other))
                .bodyJson()
                .extractingPath("$.items[*].id")
                .asArray()
                .doesNotContain(id);
        assertThat(mvc.get().uri("/api/v1/notifications")).hasStatus(HttpStatus.UNAUTHORIZED);
        assertThat(mvc.get().uri("/api/v1/notification-preferences")).hasStatus(HttpStatus.UNAUTHORIZED);
        assertThat(mvc.get().uri("/api/v1/webhook-endpoints")).hasStatus(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void showsDefaultPreferencesWithEveryChannelOn() {
        var session = api.newSession();

        var preferences = api.get("/api/v1/notification-preferences", session);

        assertThat(preferences).hasStatusOk();
        assertThat(preferences).bodyJson().isEqualTo("""
                {"categories": {
                  "account": {"email": true, "inApp": true, "webhook": true},
                  "billing": {"email": true, "inApp": true, "webhook": true},
                  "security": {"email": true, "inApp": true, "webhook": true}}}
                """);
        assertThat(api.put("/api/v1/notification-preferences", "{\"categories\": {\"account\": null}}", session))
                .hasStatus(HttpStatus.BAD_REQUEST);
    }

    private NotificationsApi.Session withMessages(int count) {
        var session = api.newSession();
        for (int i = 1; i < count; i++) {
            api.commit(BillingEvents.invoiceIssued(session.userId()));
        }
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(api.get("/api/v1/notifications/unread-count", session))
                        .bodyJson()
                        .extractingPath("$.count")
                        .isEqualTo(count));
        return session;
    }
}
