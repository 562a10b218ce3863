package dev.keel.notifications.delivery;

import dev.keel.notifications.email.EmailDeliveries;
import dev.keel.notifications.inbox.InboxRepository;
import dev.keel.notifications.message.RecipientRepository;
import dev.keel.notifications.preferences.Preferences;
import dev.keel.notifications.webhook.WebhookEndpointRepository;
import java.time.Instant;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Removes what the module holds for a deleted account: inbox, preferences, the address and owed emails
 * (except the goodbye), and the webhook endpoints, which leave the API at once and are purged when their
 * last delivery ({@code user.deleted}) has settled. The account is marked erased, so that later events
 * about it record nothing.
 */
@Component
class AccountErasure {

    private final InboxRepository inbox;
    private final Preferences preferences;
    private final EmailDeliveries emails;
    private final WebhookEndpointRepository endpoints;
    private final RecipientRepository recipients;
    private final ErasedAccounts erased;

    AccountErasure(
            InboxRepository inbox,
            Preferences preferences,
            EmailDeliveries emails,
            WebhookEndpointRepository endpoints,
            RecipientRepository recipients,
            ErasedAccounts erased) {
        this.inbox = inbox;
        this.preferences = preferences;
        this.emails = emails;
        this.endpoints = endpoints;
        this.recipients = recipients;
        this.erased = erased;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    void erase(UUID userId, UUID goodbyeEventId, Instant now) {
        inbox.deleteAllOf(userId);
        preferences.deleteAllOf(userId);
        emails.forget(userId, goodbyeEventId);
        endpoints.removeAllOf(userId, now);
        recipients.deleteById(userId);
        erased.mark(userId, now);
    }
}
