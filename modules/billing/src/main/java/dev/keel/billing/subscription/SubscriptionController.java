package dev.keel.billing.subscription;

import dev.keel.billing.SubscriptionStatus;
import dev.keel.platform.security.AuthenticatedUser;
import dev.keel.platform.web.Cursors;
import dev.keel.platform.web.ETagged;
import dev.keel.platform.web.ETags;
import dev.keel.platform.web.Page;
import dev.keel.platform.web.ProblemResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.util.UriComponentsBuilder;

@RestController
@RequestMapping("/api/v1/subscriptions")
@Tag(name = "subscriptions", description = "The caller's subscription")
class SubscriptionController {

    record SubscribeRequest(
            @NotBlank @Size(max = 64) String planCode,
            @Nullable UUID paymentMethodId) {}

    @Schema(name = "CancelSubscriptionRequest")
    record CancelRequest(@NotNull Boolean atPeriodEnd) {}

    @Schema(name = "ChangeSubscriptionPlanRequest")
    record ChangePlanRequest(@NotBlank @Size(max = 64) String planCode) {}

    @Schema(name = "Subscription")
    record SubscriptionResponse(
            UUID id,
            String planCode,

            @Schema(implementation = SubscriptionStatus.class)
            String status,

            Instant currentPeriodStart,
            Instant currentPeriodEnd,
            @Nullable Instant trialEnd,
            boolean cancelAtPeriodEnd,
            @Nullable Instant canceledAt,
            @Nullable String pendingPlanCode,
            @Nullable UUID latestInvoiceId,
            Instant createdAt) {

        static SubscriptionResponse of(Subscription subscription) {
            return new SubscriptionResponse(
                    subscription.id(),
                    subscription.planCode(),
                    subscription.status().name(),
                    subscription.currentPeriodStart(),
                    subscription.currentPeriodEnd(),
                    subscription.trialEnd(),
                    subscription.cancelsAtPeriodEnd(),
                    subscription.canceledAt(),
                    subscription.pendingPlanCode(),
                    subscription.latestInvoiceId(),
                    subscription.createdAt());
        }
    }

    private final Subscriptions subscriptions;
    private final Cursors cursors;

    SubscriptionController(Subscriptions subscriptions, Cursors cursors) {
        this.subscriptions = subscriptions;
        this.cursors = cursors;
    }

    @ResponseStatus(HttpStatus.CREATED) // what the ResponseEntity answers; documented as such
    @PostMapping
    @Operation(
            operationId = "subscribe",
            summary = "Subscribe to a plan",
            description = "Requires an Idempotency-Key. Plans with a trial start TRIALING; others charge the first"
                    + " invoice at once: ACTIVE when paid, INCOMPLETE when declined (pay the open invoice).",
            parameters = @Parameter(name = "Idempotency-Key", in = ParameterIn.HEADER, required = true))
    @ETagged
    @ProblemResponse(
            status = 400,
            codes = "payment_method_required",
            description = "a paid plan and no payment method named or set as default")
    @ProblemResponse(status = 409, codes = "subscription_exists", description = "the caller has a live subscription")
    ResponseEntity<SubscriptionResponse> subscribe(
            @AuthenticationPrincipal AuthenticatedUser caller,
            @Valid @RequestBody SubscribeRequest request,
            UriComponentsBuilder uri) {
        var subscription = subscriptions.start(caller.id(), request.planCode(), request.paymentMethodId());
        return ResponseEntity.created(uri.path("/api/v1/subscriptions/{id}").build(subscription.id()))
                .eTag(ETags.of(subscription.version()))
                .body(SubscriptionResponse.of(subscription));
    }

    @GetMapping
    @Operation(operationId = "listSubscriptions", summary = "The caller's subscriptions, newest first")
    Page<SubscriptionResponse> list(
            @AuthenticationPrincipal AuthenticatedUser caller,
            @RequestParam(required = false) @Nullable String cursor,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit) {
        var rows = subscriptions.page(caller.id(), cursors.decode(cursor), limit);
        return cursors.page(rows, limit, Subscription::id, SubscriptionResponse::of);
    }

    @GetMapping("/{id}")
    @Operation(operationId = "getSubscription", summary = "One of the caller's subscriptions")
    @ETagged
    @Nullable
    ResponseEntity<SubscriptionResponse> get(
            @AuthenticationPrincipal AuthenticatedUser caller, @PathVariable UUID id, WebRequest request) {
        var subscription = subscriptions.get(caller.id(), id);
        var etag = ETags.of(subscription.version());
        if (request.checkNotModified(etag)) {
            return null;
        }
        return ResponseEntity.ok().eTag(etag).body(SubscriptionResponse.of(subscription));
    }

    @PostMapping("/{id}/cancel")
    @Operation(operationId = "cancelSubscription", summary = "Cancel now, or at the end of the period")
    @ProblemResponse(
            status = 409,
            codes = {"subscription_canceled", "subscription_not_active"})
    SubscriptionResponse cancel(
            @AuthenticationPrincipal AuthenticatedUser caller,
            @PathVariable UUID id,
            @Valid @RequestBody CancelRequest request) {
        return SubscriptionResponse.of(subscriptions.cancel(caller.id(), id, request.atPeriodEnd()));
    }

    @PostMapping("/{id}/resume")
    @Operation(operationId = "resumeSubscription", summary = "Undo a cancellation at period end")
    @ProblemResponse(
            status = 409,
            codes = {"subscription_canceled", "subscription_not_canceling"})
    SubscriptionResponse resume(@AuthenticationPrincipal AuthenticatedUser caller, @PathVariable UUID id) {
        return SubscriptionResponse.of(subscriptions.resume(caller.id(), id));
    }

    @PostMapping("/{id}/change-plan")
    @Operation(
            operationId = "changeSubscriptionPlan",
            summary = "Upgrade now (prorated and charged) or downgrade at period end",
            description = "Plans compare by price per month, each over its own interval. An upgrade within the"
                    + " interval credits the unused part of the period and charges the new plan for it. An upgrade"
                    + " onto another interval starts a full period of the new plan now, charged less the credit for"
                    + " the unused old period; credit beyond the charge goes to the customer's credit balance,"
                    + " which later invoices draw first. A downgrade waits for the end of the period.")
    @ProblemResponse(
            status = 400,
            codes = "payment_method_required",
            description = "an upgrade to charge and no default card")
    @ProblemResponse(
            status = 402,
            codes = {"card_declined", "insufficient_funds"},
            description = "the proration of an upgrade was declined; nothing changed")
    @ProblemResponse(
            status = 409,
            codes = {"subscription_canceled", "subscription_not_active", "plan_unchanged", "currency_mismatch"})
    SubscriptionResponse changePlan(
            @AuthenticationPrincipal AuthenticatedUser caller,
            @PathVariable UUID id,
            @Valid @RequestBody ChangePlanRequest request) {
        return SubscriptionResponse.of(subscriptions.changePlan(caller.id(), id, request.planCode()));
    }
}
