package dev.keel.notifications.webhook;

import dev.keel.notifications.NotificationsProperties;
import dev.keel.platform.security.AuthenticatedUser;
import dev.keel.platform.web.Cursors;
import dev.keel.platform.web.Page;
import dev.keel.platform.web.ProblemResponse;
import dev.keel.platform.web.RateLimited;
import dev.keel.platform.web.RateLimiter;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

@RestController
@RequestMapping("/api/v1/webhook-endpoints")
@Tag(name = "webhooks", description = "The caller's webhook endpoints and their delivery log")
class WebhookEndpointController {

    @Schema(name = "CreateWebhookEndpointRequest")
    record CreateRequest(
            @NotBlank @Size(max = 2048) String url,
            @NotEmpty @Size(max = 20) List<@NotBlank String> events,
            @Nullable @Size(max = 500) String description) {}

    /** An endpoint; {@code secret} is only present in the answer to its creation. */
    @Schema(name = "WebhookEndpoint")
    record EndpointResponse(
            UUID id,
            String url,
            List<String> events,
            @Nullable String description,

            @Schema(implementation = WebhookEndpoint.Status.class)
            String status,

            Instant createdAt,
            @Nullable String secret) {

        static EndpointResponse of(WebhookEndpoint endpoint, @Nullable String secret) {
            return new EndpointResponse(
                    endpoint.id(),
                    endpoint.url(),
                    endpoint.eventList(),
                    endpoint.description(),
                    endpoint.status().name(),
                    endpoint.createdAt(),
                    secret);
        }
    }

    @Schema(name = "WebhookDelivery")
    record DeliveryResponse(
            UUID id,
            String eventType,
            UUID eventId,

            @Schema(implementation = WebhookDelivery.Status.class)
            String status,

            int attempts,
            @Nullable Integer lastStatusCode,
            @Nullable String lastError,
            @Nullable Instant nextAttemptAt,
            Instant createdAt) {

        static DeliveryResponse of(WebhookDelivery delivery) {
            return new DeliveryResponse(
                    delivery.id(),
                    delivery.eventType(),
                    delivery.eventId(),
                    delivery.status().name(),
                    delivery.attempts(),
                    delivery.lastStatusCode(),
                    delivery.lastError(),
                    delivery.nextAttemptAt(),
                    delivery.createdAt());
        }
    }

    private static final Duration HOUR = Duration.ofHours(1);

    private final WebhookEndpoints endpoints;
    private final Cursors cursors;
    private final RateLimiter limiter;
    private final int manualRetriesPerHour;

    WebhookEndpointController(
            WebhookEndpoints endpoints, Cursors cursors, RateLimiter limiter, NotificationsProperties properties) {
        this.endpoints = endpoints;
        this.cursors = cursors;
        this.limiter = limiter;
        this.manualRetriesPerHour = properties.webhooks().manualRetriesPerHour();
    }

    @ResponseStatus(HttpStatus.CREATED) // what the ResponseEntity answers; documented as such
    @PostMapping
    @Operation(
            operationId = "createWebhookEndpoint",
            summary = "Register an endpoint; the answer carries its signing secret, shown only this once")
    @ProblemResponse(
            status = 400,
            codes = "invalid_webhook_url",
            description = "not an allowed URL (production: https only, no private, loopback or link-local hosts)")
    @ProblemResponse(status = 409, codes = "too_many_webhook_endpoints")
    ResponseEntity<EndpointResponse> create(
            @AuthenticationPrincipal AuthenticatedUser caller,
            @Valid @RequestBody CreateRequest request,
            UriComponentsBuilder uri) {
        var created = endpoints.create(caller.id(), request.url().strip(), request.events(), request.description());
        return ResponseEntity.created(uri.path("/api/v1/webhook-endpoints/{id}")
                        .build(created.endpoint().id()))
                .body(EndpointResponse.of(created.endpoint(), created.secret()));
    }

    @GetMapping
    @Operation(operationId = "listWebhookEndpoints", summary = "The caller's endpoints, newest first")
    Page<EndpointResponse> list(
            @AuthenticationPrincipal AuthenticatedUser caller,
            @RequestParam(required = false) @Nullable String cursor,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit) {
        var rows = endpoints.page(caller.id(), cursors.decode(cursor), limit);
        return cursors.page(rows, limit, WebhookEndpoint::id, endpoint -> EndpointResponse.of(endpoint, null));
    }

    @GetMapping("/{id}")
    @Operation(operationId = "getWebhookEndpoint", summary = "One endpoint")
    EndpointResponse get(@AuthenticationPrincipal AuthenticatedUser caller, @PathVariable UUID id) {
        return EndpointResponse.of(endpoints.get(caller.id(), id), null);
    }

    @ResponseStatus(HttpStatus.NO_CONTENT) // what the ResponseEntity answers; documented as such
    @DeleteMapping("/{id}")
    @Operation(operationId = "deleteWebhookEndpoint", summary = "Remove an endpoint and its delivery log")
    ResponseEntity<Void> delete(@AuthenticationPrincipal AuthenticatedUser caller, @PathVariable UUID id) {
        endpoints.delete(caller.id(), id);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/{id}/deliveries")
    @Operation(operationId = "listWebhookDeliveries", summary = "An endpoint's deliveries, newest first")
    Page<DeliveryResponse> deliveries(
            @AuthenticationPrincipal AuthenticatedUser caller,
            @PathVariable UUID id,
            @RequestParam(required = false) @Nullable String cursor,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit) {
        var rows = endpoints.deliveries(caller.id(), id, cursors.decode(cursor), limit);
        return cursors.page(rows, limit, WebhookDelivery::id, DeliveryResponse::of);
    }

    @ResponseStatus(HttpStatus.ACCEPTED) // what the ResponseEntity answers; documented as such
    @PostMapping("/{id}/deliveries/{deliveryId}/retry")
    @Operation(
            operationId = "retryWebhookDelivery",
            summary = "Attempt a delivery again now; enables the endpoint if it was disabled")
    @RateLimited(reportedOnEveryAnswer = true)
    ResponseEntity<Void> retry(
            @AuthenticationPrincipal AuthenticatedUser caller,
            @PathVariable UUID id,
            @PathVariable UUID deliveryId,
            HttpServletResponse response) {
        // Each retry makes Keel call the endpoint's URL at once: a user cannot turn it into a flood.
        limiter.attempt("webhook_retry:user:" + caller.id(), manualRetriesPerHour, HOUR)
                .enforce(response);
        endpoints.retry(caller.id(), id, deliveryId);
        return ResponseEntity.accepted().build();
    }
}
