package dev.keel.billing.catalog;

import dev.keel.billing.Money;
import dev.keel.billing.subscription.SubscriptionRepository;
import dev.keel.platform.cluster.ClusterSignals;
import dev.keel.platform.web.Conflict;
import dev.keel.platform.web.ETags;
import dev.keel.platform.web.NotFound;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.CacheEvict;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The plans customers can subscribe to. The active catalogue is read on every visit to a pricing page,
 * so it is served from a cache that every change evicts: on this replica at once, and on every replica
 * (this one again) through a cluster signal when the change commits.
 */
@Service
@Transactional
public class PlanCatalog {

    public static final String CACHE = "plans";

    /** The active plans and an entity tag that changes whenever any of them does. */
    record ActivePlans(List<PlanResponse> plans, String etag) {}

    /** What an admin sets when publishing a plan. */
    public record NewPlan(
            String code,
            String name,
            String description,
            Money price,
            BillingInterval interval,
            int trialDays,
            List<String> features) {}

    /** What an admin may change; null leaves a value as it is. */
    record PlanChanges(
            @Nullable String name,
            @Nullable String description,
            @Nullable List<String> features,
            @Nullable PlanStatus status,
            @Nullable Money price,
            @Nullable BillingInterval interval) {}

    private final PlanRepository plans;
    private final SubscriptionRepository subscriptions;
    private final Clock clock;
    private final ClusterSignals signals;

    PlanCatalog(
            PlanRepository plans,
            SubscriptionRepository subscriptions,
            Clock clock,
            ClusterSignals signals,
            CacheManager caches) {
        this.plans = plans;
        this.subscriptions = subscriptions;
        this.clock = clock;
        this.signals = signals;
        signals.subscribe(CACHE, new ClusterSignals.Subscriber() {
            @Override
            public void received(String payload) {
                clear(caches);
            }

            @Override
            public void missed() {
                clear(caches);
            }
        });
    }

    private static void clear(CacheManager caches) {
        var cache = caches.getCache(CACHE);
        if (cache != null) {
            cache.clear();
        }
    }

    @Cacheable(cacheNames = CACHE, key = "'active'", sync = true)
    @Transactional(readOnly = true)
    public ActivePlans active() {
        var active = plans.findByStatusOrderByPriceAmountAscCodeAsc(PlanStatus.ACTIVE);
        var fingerprint = new StringBuilder();
        active.forEach(plan -> fingerprint
                .append(plan.code())
                .append(':')
                .append(plan.version())
                .append(','));
        return new ActivePlans(active.stream().map(PlanResponse::of).toList(), etag(fingerprint.toString()));
    }

    @Transactional(readOnly = true)
    public Plan get(String code) {
        return plans.findById(code).orElseThrow(() -> new NotFound("Plan"));
    }

    @CacheEvict(cacheNames = CACHE, allEntries = true)
    public Plan publish(NewPlan plan) {
        if (plans.existsById(plan.code())) {
            throw new Conflict("plan_exists", "A plan with this code already exists.");
        }
        var now = clock.instant();
        signals.send(CACHE, plan.code());
        return plans.saveAndFlush(new Plan(plan, now));
    }

    @CacheEvict(cacheNames = CACHE, allEntries = true)
    public Plan change(String code, @Nullable String ifMatch, PlanChanges changes) {
        // Locked, so that no subscription can start on the old price while the price changes.
        var plan = plans.lockForUpdate(code).orElseThrow(() -> new NotFound("Plan"));
        ETags.checkIfMatch(ifMatch, plan.version());
        var now = clock.instant();
        signals.send(CACHE, code);
        plan.describe(changes.name(), changes.description(), changes.features(), now);
        var repriced = (changes.price() != null && !changes.price().equals(plan.price()))
                || (changes.interval() != null && changes.interval() != plan.interval());
        if (repriced) {
            // What subscribers agreed to pay stays what they pay: a new price is a new plan.
            if (subscriptions.usesPlan(code)) {
                throw new CatalogProblems.PlanInUse();
            }
            plan.reprice(changes.price(), changes.interval(), now);
        }
        if (changes.status() != null) {
            plan.changeStatus(changes.status(), now);
        }
        return plans.saveAndFlush(plan);
    }

    private static String etag(String fingerprint) {
        try {
            var digest = MessageDigest.getInstance("SHA-256").digest(fingerprint.getBytes(StandardCharsets.UTF_8));
            return "\"" + HexFormat.of().formatHex(digest, 0, 12) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
