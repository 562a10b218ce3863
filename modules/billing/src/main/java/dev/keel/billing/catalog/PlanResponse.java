package dev.keel.billing.catalog;

import dev.keel.billing.Money;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** A plan as the API shows it. */
@Schema(name = "Plan")
record PlanResponse(
        String code,
        String name,
        String description,
        Money price,
        @Schema(implementation = BillingInterval.class) String interval,
        int trialDays,
        List<String> features,
        @Schema(implementation = PlanStatus.class) String status) {

    static PlanResponse of(Plan plan) {
        return new PlanResponse(
                plan.code(),
                plan.name(),
                plan.description(),
                plan.price(),
                plan.interval().name(),
                plan.trialDays(),
                plan.features(),
                plan.status().name());
    }
}
