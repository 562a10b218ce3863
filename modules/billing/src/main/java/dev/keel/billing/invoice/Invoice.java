package dev.keel.billing.invoice;

import dev.keel.billing.Money;
import dev.keel.platform.persistence.Ids;
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
import java.util.UUID;
import org.hibernate.annotations.BatchSize;
import org.jspecify.annotations.Nullable;

/**
 * A bill for a period of a subscription, or for the prorated part of one. Issued final (never edited
 * afterwards); its state only moves OPEN → PAID, VOID or UNCOLLECTIBLE, and UNCOLLECTIBLE → PAID. The
 * amounts always satisfy {@code total == sum(lines)} and {@code amountDue == total - balanceApplied -
 * amountPaid}: the customer's credit balance pays first, the card the rest.
 */
@Entity
@Table(name = "invoices")
public class Invoice {

    @Id
    private UUID id;

    private String number;

    private UUID userId;

    private @Nullable UUID subscriptionId;

    @Enumerated(EnumType.STRING)
    private BillingReason billingReason;

    @Enumerated(EnumType.STRING)
    private InvoiceStatus status;

    private String currency;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "invoice_lines", joinColumns = @JoinColumn(name = "invoice_id"))
    @OrderColumn(name = "position")
    @BatchSize(size = 100)
    private List<InvoiceLine> lines = new ArrayList<>();

    private long subtotal;

    private long total;

    private long amountPaid;

    private long balanceApplied;

    private Instant periodStart;

    private Instant periodEnd;

    private Instant issuedAt;

    private Instant dueAt;

    private @Nullable Instant paidAt;

    private int attemptCount;

    private @Nullable Instant firstFailedAt;

    private @Nullable Instant nextPaymentAttemptAt;

    private Instant createdAt;

    @Version
    @Column(nullable = false)
    private @Nullable Long version;

    @SuppressWarnings("NullAway.Init")
    protected Invoice() {}

    /**
     * Issues a final invoice; it is OPEN, or PAID at once when nothing is owed.
     *
     * @param balanceApplied how much of the total the customer's credit balance pays
     */
    public static Invoice issue(
            String number,
            UUID userId,
            @Nullable UUID subscriptionId,
            BillingReason reason,
            String currency,
            List<InvoiceLine> lines,
            Instant periodStart,
            Instant periodEnd,
            long balanceApplied,
            Instant now) {
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("An invoice needs at least one line");
        }
        var total = lines.stream().mapToLong(InvoiceLine::amount).reduce(0, Math::addExact);
        if (total < 0) {
            throw new IllegalArgumentException("An invoice total cannot be negative");
        }
        if (balanceApplied < 0 || balanceApplied > total) {
            throw new IllegalArgumentException("The balance applied must lie between zero and the total");
        }
        var invoice = new Invoice();
        invoice.id = Ids.newId();
        invoice.number = number;
        invoice.userId = userId;
        invoice.subscriptionId = subscriptionId;
        invoice.billingReason = reason;
        invoice.currency = currency;
        invoice.lines = new ArrayList<>(lines);
        invoice.total = total;
        invoice.subtotal = total;
        invoice.balanceApplied = balanceApplied;
        invoice.periodStart = periodStart;
        invoice.periodEnd = periodEnd;
        invoice.issuedAt = now;
        invoice.dueAt = now;
        invoice.createdAt = now;
        if (total == balanceApplied) {
            // Nothing is owed (or the balance covers it all): settled as it is issued, without a charge.
            invoice.status = InvoiceStatus.PAID;
            invoice.paidAt = now;
        } else {
            invoice.status = InvoiceStatus.OPEN;
        }
        return invoice;
    }

    /** Refuses a payment of an invoice that is settled or voided. */
    void ensurePayable() {
        if (status != InvoiceStatus.OPEN && status != InvoiceStatus.UNCOLLECTIBLE) {
            throw new InvoiceProblems.InvoiceNotPayable(status);
        }
    }

    /** A charge of the amount due was made; counted as an attempt. */
    void paid(Instant now) {
        ensurePayable();
        attemptCount++;
        amountPaid = total - balanceApplied;
        status = InvoiceStatus.PAID;
        paidAt = now;
        nextPaymentAttemptAt = null;
    }

    /**
     * A charge was declined; counted as an attempt. The next automatic attempt is decided from this very
     * decline, so the schedule and the recorded first decline can never disagree.
     */
    void paymentFailed(Instant now, Retries retries) {
        ensurePayable();
        attemptCount++;
        if (firstFailedAt == null) {
            firstFailedAt = now;
        }
        nextPaymentAttemptAt = retries.after(this, now);
    }

    /** Stops automatic retries; the invoice can still be paid by hand. */
    public void stopRetries() {
        nextPaymentAttemptAt = null;
    }

    /**
     * Voids the invoice; the credit balance it drew goes back to the customer.
     *
     * @return the balance to give back
     */
    long voidInvoice() {
        ensureOpen();
        status = InvoiceStatus.VOID;
        nextPaymentAttemptAt = null;
        var drawn = balanceApplied;
        balanceApplied = 0;
        return drawn;
    }

    public void markUncollectible() {
        ensureOpen();
        status = InvoiceStatus.UNCOLLECTIBLE;
        nextPaymentAttemptAt = null;
    }

    private void ensureOpen() {
        if (status != InvoiceStatus.OPEN) {
            throw new InvoiceProblems.InvoiceNotOpen(status);
        }
    }

    public Money amountDue() {
        return total().minus(balanceApplied()).minus(amountPaid());
    }

    /** An amount of one of its lines, in the invoice's currency. */
    Money money(long amount) {
        return Money.of(amount, currency);
    }

    public UUID id() {
        return id;
    }

    String number() {
        return number;
    }

    public UUID userId() {
        return userId;
    }

    @Nullable
    UUID subscriptionId() {
        return subscriptionId;
    }

    public BillingReason billingReason() {
        return billingReason;
    }

    public InvoiceStatus status() {
        return status;
    }

    String currency() {
        return currency;
    }

    List<InvoiceLine> lines() {
        return List.copyOf(lines);
    }

    Money subtotal() {
        return money(subtotal);
    }

    public Money total() {
        return money(total);
    }

    public Money amountPaid() {
        return money(amountPaid);
    }

    /** What the customer's credit balance paid of the total. */
    public Money balanceApplied() {
        return money(balanceApplied);
    }

    Instant periodStart() {
        return periodStart;
    }

    Instant periodEnd() {
        return periodEnd;
    }

    Instant issuedAt() {
        return issuedAt;
    }

    Instant dueAt() {
        return dueAt;
    }

    @Nullable
    Instant paidAt() {
        return paidAt;
    }

    int attemptCount() {
        return attemptCount;
    }

    @Nullable
    public Instant firstFailedAt() {
        return firstFailedAt;
    }

    @Nullable
    public Instant nextPaymentAttemptAt() {
        return nextPaymentAttemptAt;
    }

    Instant createdAt() {
        return createdAt;
    }

    long version() {
        return version == null ? 0 : version;
    }
}
