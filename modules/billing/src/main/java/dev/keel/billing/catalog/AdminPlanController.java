package dev.keel.billing.catalog;

import dev.keel.billing.Money;
import dev.keel.platform.web.ETagged;
import dev.keel.platform.web.ETags;
import dev.keel.platform.web.ProblemResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Currency;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

@RestController
@RequestMapping("/api/v1/admin/plans")
@Tag(name = "admin-plans", description = "Publishing and changing plans (admins only)")
class AdminPlanController {

    @Schema(name = "PlanPriceInput", description = "Integer minor units (cents) of an ISO 4217 currency")
    record PriceInput(
            @NotNull @Min(0) Long amount,
            @NotBlank @Pattern(regexp = "[A-Z]{3}") String currency) {

        PriceInput {
            if (currency != null && currency.matches("[A-Z]{3}")) {
                // An unknown ISO 4217 code fails here, and is answered as an invalid "price".
                Currency.getInstance(currency);
            }
        }

        Money toMoney() {
            return Money.of(amount, currency);
        }
    }

    record CreatePlanRequest(
            @NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9-]{1,62}")
            String code,

            @NotBlank @Size(max = 100) String name,
            @Size(max = 1000) @Nullable String description,
            @NotNull @Valid PriceInput price,
            @NotNull BillingInterval interval,

            @Min(0) @Max(365) @Schema(description = "days of free trial; absent or null is none") @Nullable
            Integer trialDays,

            @Size(max = 50) @Nullable List<@NotBlank @Size(max = 200) String> features) {}

    record UpdatePlanRequest(
            @Size(min = 1, max = 100) @Nullable String name,
            @Size(max = 1000) @Nullable String description,
            @Size(max = 50) @Nullable List<@NotBlank @Size(max = 200) String> features,
            @Nullable PlanStatus status,
            @Valid @Nullable PriceInput price,
            @Nullable BillingInterval interval) {}

    private final PlanCatalog catalog;

    AdminPlanController(PlanCatalog catalog) {
        this.catalog = catalog;
    }

    @ResponseStatus(HttpStatus.CREATED) // what the ResponseEntity answers; documented as such
    @PostMapping
    @Operation(operationId = "createPlan", summary = "Publish a plan")
    @ETagged
    @ProblemResponse(status = 409, codes = "plan_exists")
    ResponseEntity<PlanResponse> create(@Valid @RequestBody CreatePlanRequest request, UriComponentsBuilder uri) {
        var plan = catalog.publish(new PlanCatalog.NewPlan(
                request.code(),
                request.name(),
                request.description() == null ? "" : request.description(),
                request.price().toMoney(),
                request.interval(),
                Objects.requireNonNullElse(request.trialDays(), 0),
                request.features() == null ? List.of() : request.features()));
        return ResponseEntity.created(uri.path("/api/v1/plans/{code}").build(plan.code()))
                .eTag(ETags.of(plan.version()))
                .body(PlanResponse.of(plan));
    }

    @PatchMapping("/{code}")
    @Operation(operationId = "updatePlan", summary = "Change a plan's name, description, features, status or price")
    @ETagged
    @ProblemResponse(
            status = 409,
            codes = "plan_in_use",
            description = "subscriptions use the plan, so its price and interval are fixed")
    ResponseEntity<PlanResponse> update(
            @PathVariable String code,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
            @Valid @RequestBody UpdatePlanRequest request) {
        var plan = catalog.change(
                code,
                ifMatch,
                new PlanCatalog.PlanChanges(
                        request.name(),
                        request.description(),
                        request.features(),
                        request.status(),
                        request.price() == null ? null : request.price().toMoney(),
                        request.interval()));
        return ResponseEntity.ok().eTag(ETags.of(plan.version())).body(PlanResponse.of(plan));
    }
}
