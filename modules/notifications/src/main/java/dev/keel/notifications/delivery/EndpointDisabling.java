package dev.keel.notifications.delivery;

import dev.keel.notifications.message.MessageModels;
import dev.keel.notifications.message.MessageType;
import dev.keel.notifications.webhook.WebhookDeliveryRepository;
import dev.keel.notifications.webhook.WebhookEndpointRepository;
import dev.keel.platform.persistence.Ids;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
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
    private final MessageModels models;
    private final Clock clock;

    EndpointDisabling(
            WebhookEndpointRepository endpoints,
            WebhookDeliveryRepository deliveries,
            Notifier notifier,
            MessageModels models,
            Clock clock) {
        this.endpoints = endpoints;
        this.deliveries = deliveries;
        this.notifier = notifier;
        this.models = models;
        this.clock = clock;
    }

    @Transactional
    void disable(UUID endpointId, Instant failingSince) {
        if (endpoints.disable(endpointId) != 1) {
            return;
        }
        deliveries.failOutstanding(endpointId);
        var endpoint = endpoints.findById(endpointId).orElseThrow();
        var model = models.forUser(endpoint.userId());
        model.put("url", endpoint.url());
        model.put("failingSince", models.date(failingSince));
        model.put("link", models.link("/webhook-endpoints"));
        notifier.notify(new Notification(
                Ids.newId(),
                endpoint.userId(),
                clock.instant(),
                new Notification.Message(
                        MessageType.WEBHOOK_ENDPOINT_DISABLED,
                        model,
                        Map.of("endpointId", endpointId, "url", endpoint.url()),
                        null),
                null));
    }
}
