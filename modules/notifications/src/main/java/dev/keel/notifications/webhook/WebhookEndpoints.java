package dev.keel.notifications.webhook;

import dev.keel.notifications.webhook.WebhookProblems.InvalidWebhookUrl;
import dev.keel.notifications.webhook.WebhookProblems.TooManyWebhookEndpoints;
import dev.keel.platform.web.FieldViolation;
import dev.keel.platform.web.InvalidInput;
import dev.keel.platform.web.NotFound;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** A user's webhook endpoints and their delivery log. */
@Service
@Transactional
public class WebhookEndpoints {

    /** A new endpoint with its secret, which is shown this once. */
    record Created(WebhookEndpoint endpoint, String secret) {}

    static final int MAX_PER_USER = 20;

    private final WebhookEndpointRepository endpoints;
    private final WebhookDeliveryRepository deliveries;
    private final WebhookUrlPolicy policy;
    private final WebhookSecrets secrets;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    WebhookEndpoints(
            WebhookEndpointRepository endpoints,
            WebhookDeliveryRepository deliveries,
            WebhookUrlPolicy policy,
            WebhookSecrets secrets,
            ApplicationEventPublisher events,
            Clock clock) {
        this.endpoints = endpoints;
        this.deliveries = deliveries;
        this.policy = policy;
        this.secrets = secrets;
        this.events = events;
        this.clock = clock;
    }

    public Created create(UUID userId, String url, List<String> events, @Nullable String description) {
        try {
            policy.check(url);
        } catch (WebhookUrlPolicy.Refused refused) {
            throw new InvalidWebhookUrl(String.valueOf(refused.getMessage()));
        }
        var types = new LinkedHashSet<String>();
        for (int i = 0; i < events.size(); i++) {
            var event = events.get(i);
            if (!event.equals(WebhookEventType.ALL)
                    && WebhookEventType.fromWireName(event).isEmpty()) {
                throw new InvalidInput(new FieldViolation(
                        "events[" + i + "]", "unknown_event_type", "Not a webhook event type: " + event));
            }
            types.add(event);
        }
        if (endpoints.countOwned(userId) >= MAX_PER_USER) {
            throw new TooManyWebhookEndpoints(MAX_PER_USER);
        }
        var secret = secrets.generate();
        var endpoint = endpoints.save(
                new WebhookEndpoint(userId, url, List.copyOf(types), description, secrets.seal(secret), now()));
        return new Created(endpoint, secret);
    }

    @Transactional(readOnly = true)
    List<WebhookEndpoint> page(UUID userId, @Nullable UUID after, int limit) {
        return endpoints.findPage(userId, after, Limit.of(limit + 1));
    }

    @Transactional(readOnly = true)
    WebhookEndpoint get(UUID userId, UUID id) {
        return owned(userId, id);
    }

    void delete(UUID userId, UUID id) {
        endpoints.delete(owned(userId, id));
    }

    @Transactional(readOnly = true)
    List<WebhookDelivery> deliveries(UUID userId, UUID endpointId, @Nullable UUID after, int limit) {
        owned(userId, endpointId);
        return deliveries.findPage(endpointId, after, Limit.of(limit + 1));
    }

    /** Makes the delivery due now; an endpoint disabled for its failures is enabled again. */
    void retry(UUID userId, UUID endpointId, UUID deliveryId) {
        var endpoint = owned(userId, endpointId);
        var delivery = deliveries.findOfEndpoint(endpointId, deliveryId).orElseThrow(() -> new NotFound("Delivery"));
        endpoint.enable();
        deliveries.retryNow(delivery.id(), now());
        events.publishEvent(new WebhookRetryRequested(delivery.id()));
    }

    private WebhookEndpoint owned(UUID userId, UUID id) {
        return endpoints.findOwned(userId, id).orElseThrow(() -> new NotFound("Webhook endpoint"));
    }

    private Instant now() {
        return clock.instant();
    }
}
