package dev.keel.billing.invoice;

import dev.keel.billing.payment.PaymentMethods;
import dev.keel.billing.payment.PaymentProblems;
import dev.keel.billing.subscription.InvoiceSettlement;
import dev.keel.platform.web.NotFound;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reading, paying and settling invoices. */
@Service
@Transactional
class Invoices {

    private final InvoiceRepository invoices;
    private final InvoiceSettlement settlement;
    private final PaymentMethods cards;
    private final Invoicing invoicing;

    Invoices(InvoiceRepository invoices, InvoiceSettlement settlement, PaymentMethods cards, Invoicing invoicing) {
        this.invoices = invoices;
        this.settlement = settlement;
        this.cards = cards;
        this.invoicing = invoicing;
    }

    @Transactional(readOnly = true)
    Invoice get(UUID userId, UUID id) {
        return invoices.findByIdAndUserId(id, userId).orElseThrow(() -> new NotFound("Invoice"));
    }

    /**
     * Pays an open (or uncollectible) invoice by hand. Concurrent payments of one invoice queue on its row
     * lock, so only the first charges; the others find it paid (409). A declined charge is recorded and
     * answered 402, the invoice stays open.
     */
    @Transactional(noRollbackFor = PaymentProblems.PaymentDeclined.class)
    Invoice pay(UUID userId, UUID id, @Nullable UUID paymentMethodId) {
        var locked = settlement.lock(userId, id).orElseThrow(() -> new NotFound("Invoice"));
        var invoice = locked.invoice();
        invoice.ensurePayable();
        var card = cards.cardFor(userId, paymentMethodId).orElseThrow(PaymentProblems.PaymentMethodRequired::new);
        var attempt = invoicing.charge(invoice, card, Retries.UNCHANGED);
        if (!attempt.succeeded()) {
            throw new PaymentProblems.PaymentDeclined(Objects.requireNonNull(attempt.declineCode()));
        }
        settlement.paid(locked);
        return invoice;
    }

    /** Voids an open invoice: a past-due subscription is forgiven the period, one that never started ends. */
    Invoice voidInvoice(UUID id) {
        return writeOff(id, true);
    }

    /** Gives up on an open invoice: its subscription, if it waited for this payment, ends. */
    Invoice markUncollectible(UUID id) {
        return writeOff(id, false);
    }

    private Invoice writeOff(UUID id, boolean forgiven) {
        var locked = settlement.lock(id).orElseThrow(() -> new NotFound("Invoice"));
        settlement.writeOff(locked, forgiven);
        return locked.invoice();
    }
}
