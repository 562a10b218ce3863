package dev.keel.billing.invoice;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** When the billing cycle charges an invoice again after a decline, decided at the moment of the decline. */
@FunctionalInterface
public interface Retries {

    /** No automatic retry: the user is there and pays the open invoice (a first charge, an upgrade). */
    Retries NONE = (invoice, declinedAt) -> null;

    /** The schedule stays as it was (a payment by hand does not move the dunning schedule). */
    Retries UNCHANGED = (invoice, declinedAt) -> invoice.nextPaymentAttemptAt();

    /**
     * When to charge the declined invoice again.
     *
     * @param invoice the declined invoice, with its first decline already recorded
     * @return the next attempt, or null for none
     */
    @Nullable
    Instant after(Invoice invoice, Instant declinedAt);
}
