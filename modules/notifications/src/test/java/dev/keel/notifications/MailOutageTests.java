package dev.keel.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.keel.NotificationsTestApplication;
import dev.keel.platform.time.TimeTravel;
import dev.keel.test.TestPostgres;
import dev.keel.users.UserRegistered;
import io.micrometer.core.instrument.MeterRegistry;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.mail.Message;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.FileSystemUtils;

/**
 * The SMTP server is down for an hour of application time (time travel moves the clock), then comes back:
 * every email is retried on the contract's schedule, none is dropped, each goes out once. A database and
 * an application of the test's own, so that no other test's worker sends (or captures) these emails.
 */
class MailOutageTests {

    static final Duration PATIENCE = Duration.ofSeconds(30);
    static final int EMAILS = 5;

    static EmbeddedPostgres postgres;

    Path data;
    int smtpPort;
    ConfigurableApplicationContext keel;
    GreenMail smtp;

    @Configuration(proxyBeanMethods = false)
    static class PrivateDatabase {
        @Bean
        @Primary
        static JdbcConnectionDetails privateDatabase() {
            return TestPostgres.details(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "postgres");
        }
    }

    @BeforeEach
    void start() throws IOException {
        data = Files.createTempDirectory("keel-mail-outage");
        postgres = EmbeddedPostgres.builder()
                .setDataDirectory(data)
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(false)
                .start();
        try (var socket = new ServerSocket(0)) {
            smtpPort = socket.getLocalPort();
        }
        var settings = List.of(
                "server.port=0",
                "keel.time-travel.enabled=true",
                "keel.notifications.email.capture=false",
                "spring.mail.host=127.0.0.1",
                "spring.mail.port=" + smtpPort,
                "spring.mail.properties.mail.smtp.connectiontimeout=1000",
                "spring.mail.properties.mail.smtp.timeout=1000",
                // The production schedule, without jitter, so that the attempts can be counted.
                "keel.notifications.delivery.retry-schedule=PT30S,PT2M,PT10M,PT1H,PT6H,PT24H",
                "keel.notifications.delivery.jitter=0");
        keel = new SpringApplicationBuilder(NotificationsTestApplication.class, PrivateDatabase.class)
                .run(settings.stream().map(setting -> "--" + setting).toArray(String[]::new));
    }

    @AfterEach
    void stop() throws IOException {
        if (smtp != null) {
            smtp.stop();
        }
        keel.close();
        postgres.close();
        FileSystemUtils.deleteRecursively(data);
    }

    @Test
    void retriesEveryEmailOnScheduleWhileTheMailServerIsDownAndSendsEachOnceItIsBack() throws Exception {
        var clock = keel.getBean(TimeTravel.class);
        var start = clock.now();
        var users = new ArrayList<UUID>();
        for (int i = 0; i < EMAILS; i++) {
            var user = UUID.randomUUID();
            users.add(user);
            commit(new UserRegistered(
                    UUID.randomUUID(), user, "outage-" + i + "@example.com", "Outage " + i, start, start));
        }

        // The first attempt fails at once, then one retry after each step of the schedule: 30 s, 2 min,
        // 10 min; the next is due an hour after that, beyond the hour the server stays down.
        await().atMost(PATIENCE).until(() -> attempts("RETRYING", 1) == EMAILS);
        var due = start;
        int attempt = 1;
        for (var step : List.of(Duration.ofSeconds(30), Duration.ofMinutes(2), Duration.ofMinutes(10))) {
            due = due.plus(step);
            clock.travelTo(due.plusSeconds(1));
            int expected = ++attempt;
            await().atMost(PATIENCE).until(() -> attempts("RETRYING", expected) == EMAILS);
        }
        clock.travelTo(start.plus(Duration.ofHours(1)));
        Thread.sleep(1_000); // several poll intervals: nothing is due, nothing is attempted
        assertThat(attempts("RETRYING", 4)).isEqualTo(EMAILS);
        // The bootstrap admin's welcome mail fails beside them.
        assertThat(failedAttempts()).isEqualTo(4.0 * (EMAILS + 1));
        // What an operator sees: the owed emails (the alert rule's input is the counter above).
        assertThat(owedEmails()).isEqualTo(EMAILS + 1);

        smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
                .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        smtp.start();
        clock.travelTo(due.plus(Duration.ofHours(1)).plusSeconds(1));

        await().atMost(PATIENCE).until(() -> attempts("SENT", 5) == EMAILS);
        assertThat(smtp.waitForIncomingEmail(PATIENCE.toMillis(), EMAILS + 1)).isTrue();
        Thread.sleep(500);
        var recipients = Arrays.stream(smtp.getReceivedMessages())
                .map(MailOutageTests::recipient)
                .toList();
        assertThat(recipients.stream().filter(address -> address.startsWith("outage-")))
                .hasSize(EMAILS)
                .doesNotHaveDuplicates();
        assertThat(recipients).doesNotHaveDuplicates();
        assertThat(owedEmails()).isZero();
        assertThat(jdbc().sql(
                                "select count(*) from email_deliveries where status <> 'SENT' and recipient like 'outage-%'")
                        .query(Long.class)
                        .single())
                .isZero();
        System.out.printf(
                "Mail outage: %d emails, %d failed attempts each over 1 h of application time, all %d sent"
                        + " once the server was back, none twice%n",
                EMAILS, 4, recipients.size() - 1);
    }

    private void commit(Object event) {
        keel.getBean(TransactionTemplate.class).executeWithoutResult(status -> keel.publishEvent(event));
    }

    private long attempts(String status, int attempts) {
        return jdbc().sql(
                        "select count(*) from email_deliveries where status = ? and attempts = ? and recipient like 'outage-%'")
                .params(status, attempts)
                .query(Long.class)
                .single();
    }

    private double failedAttempts() {
        return keel.getBean(MeterRegistry.class)
                .get("keel.notifications.sent")
                .tags("channel", "email", "outcome", "retrying")
                .counter()
                .count();
    }

    private double owedEmails() {
        return keel.getBean(MeterRegistry.class)
                .get("keel.notifications.owed")
                .tags("channel", "email")
                .gauge()
                .value();
    }

    private JdbcClient jdbc() {
        return keel.getBean(JdbcClient.class);
    }

    private static String recipient(Message message) {
        try {
            return message.getAllRecipients()[0].toString();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
