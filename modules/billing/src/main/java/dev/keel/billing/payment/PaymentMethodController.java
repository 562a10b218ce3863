package dev.keel.billing.payment;

import dev.keel.platform.security.AuthenticatedUser;
import dev.keel.platform.web.Cursors;
import dev.keel.platform.web.Page;
import dev.keel.platform.web.ProblemResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;
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
@RequestMapping("/api/v1/payment-methods")
@Tag(name = "payment-methods", description = "The caller's cards")
class PaymentMethodController {

    record AddPaymentMethodRequest(
            @NotBlank @Size(max = 255) String token) {}

    @Schema(name = "PaymentMethod")
    record PaymentMethodResponse(
            UUID id, String brand, String last4, int expMonth, int expYear, boolean isDefault, Instant createdAt) {

        static PaymentMethodResponse of(PaymentMethod method) {
            return new PaymentMethodResponse(
                    method.id(),
                    method.brand(),
                    method.last4(),
                    method.expMonth(),
                    method.expYear(),
                    method.isDefault(),
                    method.createdAt());
        }
    }

    private final PaymentMethods methods;
    private final Cursors cursors;

    PaymentMethodController(PaymentMethods methods, Cursors cursors) {
        this.methods = methods;
        this.cursors = cursors;
    }

    @ResponseStatus(HttpStatus.CREATED) // what the ResponseEntity answers; documented as such
    @PostMapping
    @Operation(operationId = "addPaymentMethod", summary = "Add a card from a gateway token")
    @ProblemResponse(status = 400, codes = "invalid_payment_token", description = "the gateway does not know the token")
    ResponseEntity<PaymentMethodResponse> add(
            @AuthenticationPrincipal AuthenticatedUser caller,
            @Valid @RequestBody AddPaymentMethodRequest request,
            UriComponentsBuilder uri) {
        var method = methods.add(caller.id(), request.token());
        return ResponseEntity.created(uri.path("/api/v1/payment-methods/{id}").build(method.id()))
                .body(PaymentMethodResponse.of(method));
    }

    @GetMapping
    @Operation(operationId = "listPaymentMethods", summary = "The caller's cards, newest first")
    Page<PaymentMethodResponse> list(
            @AuthenticationPrincipal AuthenticatedUser caller,
            @RequestParam(required = false) @Nullable String cursor,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit) {
        var rows = methods.page(caller.id(), cursors.decode(cursor), limit);
        return cursors.page(rows, limit, PaymentMethod::id, PaymentMethodResponse::of);
    }

    @GetMapping("/{id}")
    @Operation(operationId = "getPaymentMethod", summary = "One of the caller's cards")
    PaymentMethodResponse get(@AuthenticationPrincipal AuthenticatedUser caller, @PathVariable UUID id) {
        return PaymentMethodResponse.of(methods.get(caller.id(), id));
    }

    @ResponseStatus(HttpStatus.NO_CONTENT) // what the ResponseEntity answers; documented as such
    @DeleteMapping("/{id}")
    @Operation(operationId = "removePaymentMethod", summary = "Remove a card")
    ResponseEntity<Void> remove(@AuthenticationPrincipal AuthenticatedUser caller, @PathVariable UUID id) {
        methods.remove(caller.id(), id);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{id}/default")
    @Operation(operationId = "makePaymentMethodDefault", summary = "Charge this card from now on")
    PaymentMethodResponse makeDefault(@AuthenticationPrincipal AuthenticatedUser caller, @PathVariable UUID id) {
        return PaymentMethodResponse.of(methods.makeDefault(caller.id(), id));
    }
}
