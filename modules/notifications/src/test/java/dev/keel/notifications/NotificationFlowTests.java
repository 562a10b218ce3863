package dev.keel.notifications;

import static dev.keel.notifications.NotificationsApi.field;
import static dev.keel.notifications.NotificationsApi.fields;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.JsonPath;
import dev.keel.notifications.email.DevMailbox;
import dev.keel.notifications.webhook.StandardWebhooksVerifier;
import dev.keel.test.Api.Session;
import dev.keel.users.UserRegistered;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;

/** Every event of users and billing produces its messages on every enabled channel, once. */
class NotificationFlowTests extends ApplicationTest {

    static final Duration PATIENCE = Duration.ofSeconds(20);

    @Autowired
    DevMailbox mailbox;

    WebhookReceiver receiver;

    @BeforeEach
    void setUp() {
        receiver = new WebhookReceiver();
    }

    @AfterEach
    void tearDown() {
        receiver.close();
    }

    @Test
    void welcomesANewUserByEmailAndInApp() {
        var session = api.newSession();

        await().atMost(PATIENCE)
                .untilAsserted(() -> assertThat(inboxTypes(session)).containsExactly("welcome"));
        await().atMost(PATIENCE)
                .untilAsserted(() -> assertThat(mailbox.find(session.email(), 10))
                        .singleElement()
                        .satisfies(mail -> {
                            // The address is not confirmed yet: the mail carries no words of whoever registered it.
                            assertThat(mail.subject()).isEqualTo("Welcome to Keel");
                            assertThat(mail.text())
                                    .startsWith("Hello,")
                                    .doesNotContain("Ada Lovelace")
                                    .contains("http://localhost:8080/");
                        }));
    }

    @Test
    void showsCapturedMailToAdminsInTheDevMailbox() {
        var session = api.newSession();
        var admin = api.sessionOf("admin@notifications.test", "an-admin-password-for-tests");

        await().atMost(PATIENCE)
                .untilAsserted(() -> assertThat(api.get(
                                "/api/v1/admin/dev/mailbox?to="
                                        + session.email().toUpperCase(Locale.ROOT),
                                admin))
                        .hasStatusOk()
                        .bodyJson()
                        .isLenientlyEqualTo("""
                        {"items": [{"to": "%s", "subject": "Welcome to Keel"}]}
                        """.formatted(session.email())));
        var mailbox = api.get("/api/v1/admin/dev/mailbox?to=" + session.email(), admin);
        assertThat(field(mailbox, "$.items[0].text")).startsWith("Hello,");
        assertThat(field(mailbox, "$.items[0].sentAt")).isNotBlank();
        assertThat(api.get("/api/v1/admin/dev/mailbox", session)).hasStatus(HttpStatus.FORBIDDEN);
    }

    @Test
    void sendsEveryBillingMessageToEveryChannelWithSignedWebhooks() {
        var session = api.newSession();
        var endpoint = api.createEndpoint(session, receiver.url(), "*");
        var userId = session.userId();

        api.commit(
                BillingEvents.subscriptionStarted(userId),
                BillingEvents.subscriptionRenewed(userId),
                BillingEvents.planChanged(userId),
                BillingEvents.trialWillEnd(userId),
                BillingEvents.invoiceIssued(userId),
                BillingEvents.invoicePaid(userId),
                BillingEvents.paymentFailed(userId),
                BillingEvents.subscriptionCanceled(userId));

        await().atMost(PATIENCE)
                .untilAsserted(() -> assertThat(receiver.received()).hasSize(8));
        assertThat(receiver.received())
                .extracting(received -> (String) JsonPath.read(received.body(), "$.type"))
                .containsExactlyInAnyOrder(
                        "subscription.started",
                        "subscription.renewed",
                        "subscription.plan_changed",
                        "trial.will_end",
                        "invoice.issued",
                        "invoice.paid",
                        "payment.failed",
                        "subscription.canceled");
        assertThat(receiver.received()).allSatisfy(received -> {
            assertThat(StandardWebhooksVerifier.verify(
                            endpoint[1], received.id(), received.timestamp(), received.body(), received.signature()))
                    .as("signature of %s", received.id())
                    .isTrue();
            assertThat((String) JsonPath.read(received.body(), "$.id")).isEqualTo(received.id());
            assertThat((String) JsonPath.read(received.body(), "$.createdAt")).isEqualTo("2026-11-22T10:15:30Z");
        });
        await().atMost(PATIENCE)
                .untilAsserted(() -> assertThat(inboxTypes(session))
                        .containsExactlyInAnyOrder(
                                "welcome",
                                "trial_ending",
                                "invoice_issued",
                                "payment_receipt",
                                "payment_failed",
                                "subscription_canceled"));
        await().atMost(PATIENCE)
                .untilAsserted(() -> assertThat(mailbox.find(session.email(), 100))
                        .extracting(DevMailbox.Mail::subject)
                        .containsExactlyInAnyOrder(
                                "Welcome to Keel",
                                "Your Pro trial ends on November 25, 2026",
                                "Invoice KEEL-2026-000042 for €19.99",
                                "Receipt for invoice KEEL-2026-000043",
                                "Payment for invoice KEEL-2026-000044 failed",
                                "Your Pro subscription was canceled"));
        assertThat(mailbox.find(session.email(), 100))
                .filteredOn(mail -> mail.subject().startsWith("Payment for"))
                .singleElement()
                .satisfies(mail -> assertThat(mail.text())
                        .contains("We will try again on November 25, 2026")
                        .contains("http://localhost:8080/invoices/"));
    }

    /**
     * The module's copy of an address can be missing: the bootstrap admin never registered, and a
     * registration event stranded by a replica that died is still on its way while billing's events
     * arrive. Their mail goes to the account's address all the same instead of being dropped.
     */
    @Test
    void emailsAccountsWhoseRegistrationHasNotArrived() {
        var session = api.newSession();
        await().atMost(PATIENCE)
                .untilAsserted(() -> assertThat(inboxTypes(session)).contains("welcome"));
        jdbc.sql("delete from notification_recipients where user_id = ?")
                .param(session.userId())
                .update();
        var admin = api.sessionOf("admin@notifications.test", "an-admin-password-for-tests");

        api.commit(BillingEvents.invoiceIssued(session.userId()), BillingEvents.invoicePaid(admin.userId()));

        await().atMost(PATIENCE)
                .untilAsserted(() -> assertThat(mailbox.find(session.email(), 10))
                        .extracting(DevMailbox.Mail::subject)
                        .contains("Invoice KEEL-2026-000042 for €19.99"));
        await().atMost(PATIENCE)
                .untilAsserted(() -> assertThat(mailbox.find(admin.email(), 10))
                        .extracting(DevMailbox.Mail::subject)
                        .contains("Receipt for invoice KEEL-2026-000043"));
    }

    @Test
    void deliversARedeliveredEventOncePerChannel() {
        var session = api.newSession();
        api.createEndpoint(session, receiver.url(), "invoice.issued");
        var issued = BillingEvents.invoiceIssued(session.userId());

        api.commit(issued);
        api.commit(issued);
        api.commit(issued);

        await().atMost(PATIENCE)
                .untilAsserted(() -> assertThat(receiver.calls()).isEqualTo(1));
        await().atMost(PATIENCE)
                .untilAsserted(() -> assertThat(mailbox.find(session.email(), 100))
                        .filteredOn(mail -> mail.subject().startsWith("Invoice"))
                        .hasSize(1));
        assertThat(inboxTypes(session)).containsOnlyOnce("invoice_issued");
        assertThat(receiver.received().getFirst().id())
                .isEqualTo(issued.eventId().toString());
    }

    @Test
    void followsPreferencesButAlwaysEmailsSecurityMessages() {
        var session = api.newSession();
        api.createEndpoint(session, receiver.url(), "*");
        var allOff = """
                {"categories": {
                  "account": {"email": false, "inApp": false, "webhook": false},
                  "billing": {"email": false, "inApp": false, "webhook": false},
                  "security": {"email": true, "inApp": false, "webhook": false}}}
                """;
        assertThat(api.put("/api/v1/notification-preferences", allOff, session)).hasStatusOk();
        assertThat(api.get("/api/v1/notification-preferences", session))
                .bodyJson()
                .extractingPath("$.categories.billing.inApp")
                .isEqualTo(false);

        api.commit(BillingEvents.invoiceIssued(session.userId()));
        assertThat(api.post("/api/v1/auth/password-reset", "{\"email\": \"%s\"}".formatted(session.email()), null))
                .hasStatus(HttpStatus.ACCEPTED);

        await().atMost(PATIENCE)
                .untilAsserted(() -> assertThat(mailbox.find(session.email(), 100))
                        .extracting(DevMailbox.Mail::subject)
                        .contains("Reset your Keel password"));
        assertThat(mailbox.find(session.email(), 100))
                .extracting(DevMailbox.Mail::subject)
                .noneMatch(subject -> subject.startsWith("Invoice"));
        assertThat(inboxTypes(session)).doesNotContain("invoice_issued");
        assertThat(receiver.calls()).isZero();

        var securityOff = allOff.replace("\"security\": {\"email\": true", "\"security\": {\"email\": false");
        assertThat(api.put("/api/v1/notification-preferences", securityOff, session))
                .hasStatus(HttpStatus.BAD_REQUEST)
                .bodyJson()
                .extractingPath("$.errors[0].field")
                .isEqualTo("categories.security.email");
    }

    @Test
    void verifiesEmailWithTheLinkFromTheEmail() {
        var session = api.newSession();

        assertThat(api.post("/api/v1/users/me/email-verification", "", session)).hasStatus(HttpStatus.ACCEPTED);

        var token = tokenFromMail(session, "Confirm your email address", "/verify-email");
        assertThat(api.post("/api/v1/auth/email-verification", "{\"token\": \"%s\"}".formatted(token), null))
                .hasStatus(HttpStatus.NO_CONTENT);
        assertThat(api.get("/api/v1/users/me", session))
                .bodyJson()
                .extractingPath("$.emailVerified")
                .isEqualTo(true);
        assertThat(inboxTypes(session)).doesNotContain("email_verification");
    }

    @Test
    void resetsThePasswordWithTheLinkFromTheEmail() {
        var session = api.newSession();

        api.post("/api/v1/auth/password-reset", "{\"email\": \"%s\"}".formatted(session.email()), null);

        var token = tokenFromMail(session, "Reset your Keel password", "/reset-password");
        assertThat(api.post(
                        "/api/v1/auth/password-reset/confirm",
                        "{\"token\": \"%s\", \"newPassword\": \"a brand new passphrase\"}".formatted(token),
                        null))
                .hasStatus(HttpStatus.NO_CONTENT);
        await().atMost(PATIENCE)
                .untilAsserted(() -> assertThat(inboxTypes(session)).contains("password_reset"));
        assertThat(jdbc.sql("select count(*) from inbox_messages where body like ?")
                        .param("%" + token + "%")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void erasesADeletedUsersDataAfterSayingGoodbye() {
        var session = api.newSession();
        api.createEndpoint(session, receiver.url(), "user.deleted");
        api.put("/api/v1/notification-preferences", """
                {"categories": {
                  "account": {"email": true, "inApp": true, "webhook": true},
                  "billing": {"email": false, "inApp": true, "webhook": true},
                  "security": {"email": true, "inApp": true, "webhook": true}}}
                """, session);
        await().atMost(PATIENCE)
                .untilAsserted(() -> assertThat(inboxTypes(session)).contains("welcome"));

        deleteAccount(session);

        await().atMost(PATIENCE)
                .untilAsserted(() -> assertThat(mailbox.find(session.email(), 10))
                        .extracting(DevMailbox.Mail::subject)
                        .contains("Your Keel account was deleted"));
        await().atMost(PATIENCE)
                .untilAsserted(() -> assertThat(receiver.received())
                        .singleElement()
                        .satisfies(received -> assertThat((String) JsonPath.read(received.body(), "$.type"))
                                .isEqualTo("user.deleted")));
        for (var table : List.of("inbox_messages", "notification_preferences", "notification_recipients")) {
            assertThat(jdbc.sql("select count(*) from " + table + " where user_id = ?")
                            .param(session.userId())
                            .query(Long.class)
                            .single())
                    .as(table)
                    .isZero();
        }
        assertThat(jdbc.sql("select count(*) from webhook_endpoints where user_id = ? and removed_at is null")
                        .param(session.userId())
                        .query(Long.class)
                        .single())
                .isZero();
    }

    /** Events arrive at least once and in any order: one about an erased account records nothing again. */
    @Test
    void recordsNothingForEventsThatArriveAfterTheErasure() {
        var session = api.newSession();
        await().atMost(PATIENCE)
                .untilAsserted(() -> assertThat(inboxTypes(session)).contains("welcome"));
        deleteAccount(session);
        await().atMost(PATIENCE).until(() -> rowsOf("notification_recipients", session) == 0);
        await().atMost(PATIENCE)
                .untilAsserted(() -> assertThat(mailbox.find(session.email(), 20))
                        .extracting(DevMailbox.Mail::subject)
                        .contains("Your Keel account was deleted"));
        var mailsBefore = mailbox.find(session.email(), 20).size();

        var now = Instant.now();
        api.commit(
                new UserRegistered(UUID.randomUUID(), session.userId(), session.email(), "Ada Lovelace", now, now),
                BillingEvents.invoicePaid(session.userId()));
        await().atMost(PATIENCE)
                .until(() -> jdbc.sql("""
                                select count(*) from event_publication
                                where completion_date is null and serialized_event like ?
                                """)
                                .param("%" + session.userId() + "%")
                                .query(Long.class)
                                .single()
                        == 0);

        assertThat(rowsOf("notification_recipients", session)).isZero();
        assertThat(rowsOf("inbox_messages", session)).isZero();
        assertThat(mailbox.find(session.email(), 20)).hasSize(mailsBefore);
    }

    private void deleteAccount(Session session) {
        assertThat(mvc.delete()
                        .uri("/api/v1/users/me")
                        .header("Authorization", session.bearer())
                        .contentType("application/json")
                        .content("{\"password\": \"%s\"}".formatted(NotificationsApi.PASSWORD)))
                .hasStatus(HttpStatus.NO_CONTENT);
    }

    private long rowsOf(String table, Session session) {
        return jdbc.sql("select count(*) from " + table + " where user_id = ?")
                .param(session.userId())
                .query(Long.class)
                .single();
    }

    private String tokenFromMail(Session session, String subject, String path) {
        var text = await().atMost(PATIENCE)
                .until(
                        () -> mailbox.find(session.email(), 10).stream()
                                .filter(mail -> mail.subject().equals(subject))
                                .map(DevMailbox.Mail::text)
                                .findFirst()
                                .orElse(null),
                        found -> found != null);
        var link = Pattern.compile("http://localhost:8080" + path + "\\?token=(\\S+)")
                .matcher(text);
        assertThat(link.find()).as("link in %s", text).isTrue();
        return link.group(1);
    }

    private List<String> inboxTypes(Session session) {
        var page = api.get("/api/v1/notifications?limit=100", session);
        assertThat(page).hasStatusOk();
        return fields(page, "$.items[*].type");
    }
}
