package dev.keel.billing.invoice;

import dev.keel.billing.cycle.DueWork;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

public interface InvoiceRepository extends JpaRepository<Invoice, UUID> {

    Optional<Invoice> findByIdAndUserId(UUID id, UUID userId);

    /** Which subscription an invoice belongs to, read without loading (and caching) the invoice. */
    interface Owner {
        UUID getId();

        @Nullable
        UUID getSubscriptionId();
    }

    Optional<Owner> findOwnerByIdAndUserId(UUID id, UUID userId);

    Optional<Owner> findOwnerById(UUID id);

    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select i from Invoice i where i.id = :id")
    Optional<Invoice> lock(UUID id);

    @Query("""
            select i from Invoice i
            where i.subscriptionId = :subscriptionId and i.status = dev.keel.billing.invoice.InvoiceStatus.OPEN
            """)
    List<Invoice> findOpen(UUID subscriptionId);

    @Query(
            "select i from Invoice i where i.userId = :userId and i.status = dev.keel.billing.invoice.InvoiceStatus.OPEN")
    List<Invoice> findOpenOfUser(UUID userId);

    /** Open invoices whose automatic payment retry is due, in (due, id) order after a position. */
    @Query("""
            select new dev.keel.billing.cycle.DueWork(i.id, i.nextPaymentAttemptAt) from Invoice i
            where i.nextPaymentAttemptAt <= :now
              and (i.nextPaymentAttemptAt > :#{#after.due()}
                   or (i.nextPaymentAttemptAt = :#{#after.due()} and i.id > :#{#after.id()}))
            order by i.nextPaymentAttemptAt, i.id
            """)
    List<DueWork> findRetriesDue(Instant now, DueWork after, Limit limit);

    @Query("select min(i.nextPaymentAttemptAt) from Invoice i")
    @Nullable
    Instant nextRetryAt();

    /**
     * The next invoice number of {@code year}, counted from 1. The year's counter row stays locked until the
     * calling transaction ends, so concurrent issuers take turns and a rolled-back number is issued again.
     */
    @Query(value = "select next_invoice_number(:year)", nativeQuery = true)
    long nextNumber(int year);
}
