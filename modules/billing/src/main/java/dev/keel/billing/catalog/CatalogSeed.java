package dev.keel.billing.catalog;

import dev.keel.billing.BillingProperties;
import dev.keel.billing.Money;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/** Publishes a starter catalogue when {@code keel.billing.seed-catalog} is on, so a newcomer can subscribe. */
@Component
public class CatalogSeed implements ApplicationRunner {

    private static final Logger LOG = LoggerFactory.getLogger(CatalogSeed.class);

    static final List<PlanCatalog.NewPlan> STARTER = List.of(
            new PlanCatalog.NewPlan(
                    "free",
                    "Free",
                    "For trying things out.",
                    Money.of(0, "EUR"),
                    BillingInterval.MONTH,
                    0,
                    List.of("1 project", "Community support")),
            new PlanCatalog.NewPlan(
                    "pro-monthly-trial",
                    "Pro (14-day trial)",
                    "Pro, free for 14 days.",
                    Money.of(1999, "EUR"),
                    BillingInterval.MONTH,
                    14,
                    List.of("Unlimited projects", "Email support")),
            new PlanCatalog.NewPlan(
                    "pro-monthly",
                    "Pro",
                    "Everything a growing team needs.",
                    Money.of(1999, "EUR"),
                    BillingInterval.MONTH,
                    0,
                    List.of("Unlimited projects", "Email support")),
            new PlanCatalog.NewPlan(
                    "pro-yearly",
                    "Pro (yearly)",
                    "Pro, two months free.",
                    Money.of(19990, "EUR"),
                    BillingInterval.YEAR,
                    0,
                    List.of("Unlimited projects", "Email support")));

    private final BillingProperties properties;
    private final PlanCatalog catalog;
    private final PlanRepository plans;

    public CatalogSeed(BillingProperties properties, PlanCatalog catalog, PlanRepository plans) {
        this.properties = properties;
        this.catalog = catalog;
        this.plans = plans;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (properties.seedCatalog()) {
            ensureStarterPlans();
        }
    }

    /** Publishes the starter plans that do not exist yet. */
    public void ensureStarterPlans() {
        int seeded = 0;
        for (var plan : STARTER) {
            if (!plans.existsById(plan.code())) {
                catalog.publish(plan);
                seeded++;
            }
        }
        if (seeded > 0) {
            LOG.info("Published {} starter plans", seeded);
        }
    }
}
