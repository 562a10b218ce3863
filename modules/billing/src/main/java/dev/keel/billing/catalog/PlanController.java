package dev.keel.billing.catalog;

import dev.keel.platform.web.ETagged;
import dev.keel.platform.web.ETags;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.WebRequest;

@RestController
@RequestMapping("/api/v1/plans")
@SecurityRequirements
@Tag(name = "plans", description = "The plan catalogue")
class PlanController {

    /** The catalogue response: {@code {"items": [...]}} like every list. */
    record PlanList(List<PlanResponse> items) {}

    private static final CacheControl SHARED_FOR_A_MINUTE =
            CacheControl.maxAge(Duration.ofSeconds(60)).cachePublic();

    private final PlanCatalog catalog;

    PlanController(PlanCatalog catalog) {
        this.catalog = catalog;
    }

    @GetMapping
    @Operation(operationId = "listPlans", summary = "The active plans, cheapest first")
    @ETagged
    @Nullable
    ResponseEntity<PlanList> list(WebRequest request) {
        var active = catalog.active();
        if (request.checkNotModified(active.etag())) {
            return null;
        }
        return ResponseEntity.ok()
                .eTag(active.etag())
                .cacheControl(SHARED_FOR_A_MINUTE)
                .body(new PlanList(active.plans()));
    }

    @GetMapping("/{code}")
    @Operation(operationId = "getPlan", summary = "One plan, active or archived")
    @ETagged
    ResponseEntity<PlanResponse> get(@PathVariable String code) {
        var plan = catalog.get(code);
        return ResponseEntity.ok()
                .eTag(ETags.of(plan.version()))
                .cacheControl(SHARED_FOR_A_MINUTE)
                .body(PlanResponse.of(plan));
    }
}
