package dev.keel.billing.catalog;

import dev.keel.platform.web.Conflict;

/** The plan catalogue failures that clients can act on, each with its stable code. */
final class CatalogProblems {

    private CatalogProblems() {}

    static final class PlanInUse extends Conflict {
        PlanInUse() {
            super(
                    "plan_in_use",
                    "Subscriptions use this plan, so its price and interval are fixed; publish a new plan instead.");
        }
    }
}
