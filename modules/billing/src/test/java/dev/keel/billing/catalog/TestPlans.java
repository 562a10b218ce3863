package dev.keel.billing.catalog;

import dev.keel.billing.Money;
import java.time.Instant;
import java.util.List;

/** Plans for unit tests of other billing packages, built the way the catalog builds them. */
public final class TestPlans {

    private TestPlans() {}

    public static Plan plan(String code, long price, BillingInterval interval, int trialDays) {
        return new Plan(
                new PlanCatalog.NewPlan(code, code, "", Money.of(price, "EUR"), interval, trialDays, List.of()),
                Instant.parse("2026-01-01T00:00:00Z"));
    }
}
