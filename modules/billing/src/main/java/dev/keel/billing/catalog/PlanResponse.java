package dev.keel.billing.catalog;

import dev.keel.billing.Money;
import java.util.List;

/** A plan as the API shows it. */
record PlanResponse(
        String code,
        String name,
        String description,
        Money price,
        String interval,
        int trialDays,
        List<String> features,
        String status) {

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
