package dev.keel.notifications.email;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.mail.MailParseException;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

/**
 * The mail "server" of the embedded default profile: keeps the latest messages in memory for
 * {@code GET /api/v1/admin/dev/mailbox} and sends nothing. As a {@code JavaMailSender} bean it replaces
 * the SMTP sender.
 */
@Component
@ConditionalOnProperty(name = "keel.notifications.email.capture", havingValue = "true")
public class DevMailbox extends JavaMailSenderImpl {

    /**
     * A captured message as the mailbox shows it.
     *
     * @param sentAt the message's {@code Date} header (to the second), as a mail client would show it
     */
    @Schema(name = "CapturedMail")
    public record Mail(String to, String subject, String text, Instant sentAt) {}

    private static final int CAPACITY = 1000;

    private final Deque<Mail> mails = new ArrayDeque<>();
    private final Clock clock;

    DevMailbox(Clock clock) {
        this.clock = clock;
    }

    /** Newest first; {@code to} filters by recipient, ignoring case. */
    public synchronized List<Mail> find(@Nullable String to, int limit) {
        return mails.stream()
                .filter(mail -> to == null || mail.to().equalsIgnoreCase(to.strip()))
                .limit(limit)
                .toList();
    }

    /** There is no server to reach, so the mail health check has nothing to report. */
    @Override
    public void testConnection() {}

    @Override
    protected void doSend(MimeMessage[] mimeMessages, Object @Nullable [] originalMessages) {
        for (var message : mimeMessages) {
            try {
                // Sets the Content-Type headers from the content, as sending would.
                message.saveChanges();
                var recipients = message.getRecipients(Message.RecipientType.TO);
                var to = recipients == null
                        ? ""
                        : Arrays.stream(recipients)
                                .map(address -> address instanceof InternetAddress internet
                                        ? internet.getAddress()
                                        : address.toString())
                                .collect(Collectors.joining(", "));
                var subject = message.getSubject();
                var text = plainText(message);
                var date = message.getSentDate();
                capture(new Mail(
                        to.toLowerCase(Locale.ROOT),
                        subject == null ? "" : subject,
                        text == null ? "" : text,
                        date == null ? clock.instant() : date.toInstant()));
            } catch (MessagingException | IOException e) {
                throw new MailParseException(e);
            }
        }
    }

    private synchronized void capture(Mail mail) {
        mails.addFirst(mail);
        while (mails.size() > CAPACITY) {
            mails.removeLast();
        }
    }

    @Nullable
    private static String plainText(Part part) throws MessagingException, IOException {
        if (part.isMimeType("text/plain")) {
            return String.valueOf(part.getContent());
        }
        if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart body = multipart.getBodyPart(i);
                var text = plainText(body);
                if (text != null) {
                    return text;
                }
            }
        }
        return null;
    }
}
