package dev.keel.billing.payment;

import dev.keel.platform.persistence.Ids;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A card the gateway tokenised for a user: only the gateway's reference and what it shows of the card. */
@Entity
@Table(name = "payment_methods")
public class PaymentMethod {

    @Id
    private UUID id;

    private UUID userId;

    private String gatewayReference;

    private String brand;

    private String last4;

    private int expMonth;

    private int expYear;

    @Column(name = "is_default")
    private boolean defaultMethod;

    private Instant createdAt;

    @SuppressWarnings("NullAway.Init")
    protected PaymentMethod() {}

    PaymentMethod(UUID userId, PaymentGateway.Card card, boolean defaultMethod, Instant now) {
        this.id = Ids.newId();
        this.userId = userId;
        this.gatewayReference = card.reference();
        this.brand = card.brand();
        this.last4 = card.last4();
        this.expMonth = card.expMonth();
        this.expYear = card.expYear();
        this.defaultMethod = defaultMethod;
        this.createdAt = now;
    }

    void makeDefault(boolean defaultMethod) {
        this.defaultMethod = defaultMethod;
    }

    public UUID id() {
        return id;
    }

    UUID userId() {
        return userId;
    }

    public String gatewayReference() {
        return gatewayReference;
    }

    public String brand() {
        return brand;
    }

    public String last4() {
        return last4;
    }

    int expMonth() {
        return expMonth;
    }

    int expYear() {
        return expYear;
    }

    public boolean isDefault() {
        return defaultMethod;
    }

    Instant createdAt() {
        return createdAt;
    }
}
