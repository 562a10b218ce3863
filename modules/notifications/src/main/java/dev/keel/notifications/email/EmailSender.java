package dev.keel.notifications.email;

import dev.keel.notifications.NotificationsProperties;
import jakarta.mail.MessagingException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Date;
import org.springframework.mail.MailException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Sends one owed email as a multipart message: the plain-text and the HTML version of the same text, dated
 * by the application clock (which time travel moves), as everything else Keel records.
 */
@Component
public class EmailSender {

    private final JavaMailSender mail;
    private final NotificationsProperties properties;
    private final Clock clock;

    EmailSender(JavaMailSender mail, NotificationsProperties properties, Clock clock) {
        this.mail = mail;
        this.properties = properties;
        this.clock = clock;
    }

    public void send(EmailDeliveries.Claimed email) throws MailException {
        var message = mail.createMimeMessage();
        try {
            var helper = new MimeMessageHelper(message, true, StandardCharsets.UTF_8.name());
            helper.setFrom(properties.email().from());
            helper.setTo(email.recipient());
            helper.setSubject(email.subject());
            helper.setText(email.text(), email.html());
            helper.setSentDate(Date.from(clock.instant()));
        } catch (MessagingException e) {
            throw new MailPreparationException(e);
        }
        mail.send(message);
    }
}
