package dev.keel.notifications.delivery;

import dev.keel.notifications.email.EmailDeliveries;
import dev.keel.notifications.inbox.InboxRepository;
import dev.keel.notifications.message.Category;
import dev.keel.notifications.message.Channel;
import dev.keel.notifications.message.MessageRenderer;
import dev.keel.notifications.message.Recipient;
import dev.keel.notifications.message.RecipientRepository;
import dev.keel.notifications.preferences.Preferences;
import dev.keel.notifications.webhook.WebhookDeliveries;
import dev.keel.notifications.webhook.WebhookEndpointRepository;
import dev.keel.notifications.webhook.WebhookPayload;
import dev.keel.platform.persistence.Ids;
import dev.keel.platform.tracing.TraceContexts;
import dev.keel.users.AccountContacts;
import java.time.Clock;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Records what a notification owes on each channel the user's preferences allow, in the transaction of
 * the event's listener: the in-app message itself, an owed email, a pending delivery per subscribed
 * webhook endpoint. Each record is unique per event, so a redelivered event owes nothing twice. Sending
 * happens after the commit, in {@link DeliveryWorker}.
 */
@Component
class Notifier {

    private static final Logger LOG = LoggerFactory.getLogger(Notifier.class);

    private final RecipientRepository recipients;
    private final Preferences preferences;
    private final InboxRepository inbox;
    private final EmailDeliveries emails;
    private final WebhookEndpointRepository endpoints;
    private final WebhookDeliveries webhooks;
    private final MessageRenderer renderer;
    private final NotificationMetrics metrics;
    private final JsonMapper json;
    private final Clock clock;
    private final ErasedAccounts erased;
    private final AccountContacts contacts;
    private final TraceContexts traces;

    Notifier(
            RecipientRepository recipients,
            Preferences preferences,
            InboxRepository inbox,
            EmailDeliveries emails,
            WebhookEndpointRepository endpoints,
            WebhookDeliveries webhooks,
            MessageRenderer renderer,
            NotificationMetrics metrics,
            JsonMapper json,
            Clock clock,
            ErasedAccounts erased,
            AccountContacts contacts,
            TraceContexts traces) {
        this.recipients = recipients;
        this.preferences = preferences;
        this.inbox = inbox;
        this.emails = emails;
        this.endpoints = endpoints;
        this.webhooks = webhooks;
        this.renderer = renderer;
        this.metrics = metrics;
        this.json = json;
        this.clock = clock;
        this.erased = erased;
        this.contacts = contacts;
        this.traces = traces;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    void notify(Notification notification) {
        if (erased.contains(notification.userId())) {
            LOG.debug("Account {} is erased; event {} owes nothing", notification.userId(), notification.eventId());
            return;
        }
        var now = clock.instant();
        var switches = preferences.of(notification.userId());
        var message = notification.message();
        if (message != null) {
            var type = message.model().type();
            var category = type.category();
            var rendered = renderer.render(message.model());
            if (type.uses(Channel.IN_APP) && switches.get(category).inApp()) {
                var stored = inbox.insertOnce(
                        Ids.newId(),
                        notification.userId(),
                        notification.eventId(),
                        category.name(),
                        type.key(),
                        rendered.subject(),
                        rendered.summary(),
                        json.writeValueAsString(message.model().data()),
                        now);
                if (stored == 1) {
                    metrics.sent(Channel.IN_APP);
                }
            }
            if (type.uses(Channel.EMAIL)
                    && (category == Category.SECURITY || switches.get(category).email())) {
                var address = message.recipient() != null ? message.recipient() : addressOf(notification.userId());
                if (address == null) {
                    LOG.info("Account {} no longer exists; {} not emailed", notification.userId(), type.key());
                } else {
                    emails.owe(notification.eventId(), notification.userId(), address, type, rendered, now);
                }
            }
        }
        var webhook = notification.webhook();
        if (webhook != null && switches.get(webhook.type().category()).webhook()) {
            // Stored once, so every attempt sends (and signs) the same bytes.
            var payload = json.writeValueAsString(
                    WebhookPayload.of(notification.eventId(), notification.occurredAt(), webhook));
            // Each attempt continues the trace of the event's listener (and so of the request behind it).
            var traceparent = traces.current();
            for (var endpoint : endpoints.findEnabled(notification.userId())) {
                if (endpoint.subscribesTo(webhook.type())) {
                    webhooks.owe(endpoint.id(), notification.eventId(), webhook.type(), payload, traceparent, now);
                }
            }
        }
    }

    /**
     * The address from the module's own copy, or, where that copy is missing (the bootstrap admin, or a
     * registration event still on its way), the account's current one; null once the account is gone.
     */
    private @Nullable String addressOf(UUID userId) {
        return recipients
                .findById(userId)
                .map(Recipient::email)
                .or(() -> contacts.of(userId).map(AccountContacts.Contact::email))
                .orElse(null);
    }
}
