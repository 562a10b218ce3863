package dev.keel.billing.catalog;

import dev.keel.billing.Money;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Something a customer can subscribe to: a price per interval, an optional trial, and its features. */
@Entity
@Table(name = "plans")
public class Plan {

    @Id
    private String code;

    private String name;

    private String description;

    private long priceAmount;

    private String currency;

    @Enumerated(EnumType.STRING)
    @Column(name = "billing_interval")
    private BillingInterval interval;

    private int trialDays;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "plan_features", joinColumns = @JoinColumn(name = "plan_code"))
    @OrderColumn(name = "position")
    @Column(name = "feature")
    private List<String> features = new ArrayList<>();

    @Enumerated(EnumType.STRING)
    private PlanStatus status;

    // Audit columns for operators reading the table: written here, never read by Keel, and not part of the
    // API's Plan shape.
    @SuppressWarnings("UnusedVariable")
    private Instant createdAt;

    @SuppressWarnings("UnusedVariable")
    private Instant updatedAt;

    @Version
    @Column(nullable = false)
    private @Nullable Long version;

    @SuppressWarnings("NullAway.Init")
    protected Plan() {}

    Plan(PlanCatalog.NewPlan plan, Instant now) {
        this.code = plan.code();
        this.name = plan.name();
        this.description = plan.description();
        this.priceAmount = plan.price().amount();
        this.currency = plan.price().currency();
        this.interval = plan.interval();
        this.trialDays = plan.trialDays();
        this.features = new ArrayList<>(plan.features());
        this.status = PlanStatus.ACTIVE;
        this.createdAt = now;
        this.updatedAt = now;
    }

    public void describe(
            @Nullable String name, @Nullable String description, @Nullable List<String> features, Instant now) {
        if (name != null) {
            this.name = name;
        }
        if (description != null) {
            this.description = description;
        }
        if (features != null) {
            this.features.clear();
            this.features.addAll(features);
        }
        this.updatedAt = now;
    }

    void reprice(@Nullable Money price, @Nullable BillingInterval interval, Instant now) {
        if (price != null) {
            this.priceAmount = price.amount();
            this.currency = price.currency();
        }
        if (interval != null) {
            this.interval = interval;
        }
        this.updatedAt = now;
    }

    void changeStatus(PlanStatus status, Instant now) {
        this.status = status;
        this.updatedAt = now;
    }

    public String code() {
        return code;
    }

    public String name() {
        return name;
    }

    String description() {
        return description;
    }

    public Money price() {
        return Money.of(priceAmount, currency);
    }

    public BillingInterval interval() {
        return interval;
    }

    public int trialDays() {
        return trialDays;
    }

    List<String> features() {
        return List.copyOf(features);
    }

    public PlanStatus status() {
        return status;
    }

    long version() {
        return version == null ? 0 : version;
    }
}
