package dev.keel.billing.invoice;

import dev.keel.platform.web.Conflict;
import java.util.Locale;

/** The invoice failures that clients can act on, each with its stable code. */
final class InvoiceProblems {

    private InvoiceProblems() {}

    static final class InvoiceNotPayable extends Conflict {
        InvoiceNotPayable(InvoiceStatus status) {
            super("invoice_not_payable", "The invoice is " + status.name().toLowerCase(Locale.ROOT) + ".");
        }
    }

    static final class InvoiceNotOpen extends Conflict {
        InvoiceNotOpen(InvoiceStatus status) {
            super(
                    "invoice_not_open",
                    "Only open invoices can change state; this one is "
                            + status.name().toLowerCase(Locale.ROOT)
                            + ".");
        }
    }
}
