package dev.keel.notifications.email;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.keel.notifications.NotificationsProperties;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/** Mail is dated by the application clock, which time travel moves, not by the computer's. */
class MailDateTests {

    /** Where {@code POST /api/v1/admin/clock/advance} may have moved the application clock: not the computer's time. */
    static final Instant TRAVELLED = Instant.parse("2027-11-02T09:30:00Z");

    static final NotificationsProperties DEFAULTS =
            new Binder().bindOrCreate("keel.notifications", NotificationsProperties.class);

    @RegisterExtension
    static final GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());

    @Test
    void sendsTheApplicationClocksTimeAsTheDateHeader() throws Exception {
        var mail = new JavaMailSenderImpl();
        mail.setHost("127.0.0.1");
        mail.setPort(smtp.getSmtp().getPort());

        senderAt(TRAVELLED, mail).send(welcome("ada@example.com"));

        assertThat(smtp.waitForIncomingEmail(5_000, 1)).isTrue();
        var received = smtp.getReceivedMessages()[0];
        assertThat(received.getSentDate().toInstant()).isEqualTo(TRAVELLED);
        assertThat(received.getHeader("Date")).singleElement().asString().contains("2 Nov 2027 09:30:00");
    }

    @Test
    void showsTheDateHeaderInTheDevMailbox() {
        var mailbox = new DevMailbox(Clock.systemUTC());

        senderAt(TRAVELLED, mailbox).send(welcome("ada@example.com"));

        assertThat(mailbox.find("ada@example.com", 10))
                .singleElement()
                .extracting(DevMailbox.Mail::sentAt)
                .isEqualTo(TRAVELLED);
    }

    private static EmailSender senderAt(Instant now, JavaMailSenderImpl mail) {
        return new EmailSender(mail, DEFAULTS, Clock.fixed(now, ZoneOffset.UTC));
    }

    private static EmailDeliveries.Claimed welcome(String to) {
        return new EmailDeliveries.Claimed(UUID.randomUUID(), to, "Welcome", "Hello", "<p>Hello</p>", 0);
    }
}
