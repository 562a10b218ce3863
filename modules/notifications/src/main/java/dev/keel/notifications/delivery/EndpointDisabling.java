package dev.keel.notifications.delivery;

import dev.keel.notifications.message.MessageModel;
import dev.keel.notifications.message.RecipientRepository;
import dev.keel.notifications.webhook.WebhookDeliveryRepository;
import dev.keel.notifications.webhook.WebhookEndpointRepository;
import dev.keel.platform.persistence.Ids;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Disables an endpoint that has failed for too long, fails its outstanding deliveries and tells its owner
 * (email and in-app). Once: of concurrent callers only the one that flips the status notifies.
 */
@Component
class EndpointDisabling {

    private final WebhookEndpointRepository endpoints;
    private final WebhookDeliveryRepository deliveries;
    private final Notifier notifier;
    private final RecipientRepository recipients;
    private final Clock clock;

    EndpointDisabling(
            WebhookEndpointRepository endpoints,
            WebhookDeliveryRepository deliveries,
            Notifier notifier,
            RecipientRepository recipients,
            Clock clock) {
        this.endpoints = endpoints;
        this.deliveries = deliveries;
        this.notifier = notifier;
        this.recipients = recipients;
        this.clock = clock;
    }

    @Transactional
    void disable(UUID endpointId, Instant failingSince) {
        if (endpoints.disable(endpointId) != 1) {
            return;
        }
        deliveries.failOutstanding(endpointId);
        var endpoint = endpoints.findById(endpointId).orElseThrow();
        notifier.notify(new Notification(
                Ids.newId(),
                endpoint.userId(),
                clock.instant(),
                new Notification.Message(
                        new MessageModel.WebhookEndpointDisabled(
                                recipients.greetingName(endpoint.userId()), endpointId, endpoint.url(), failingSince),
                        null),
                null));
    }
}
