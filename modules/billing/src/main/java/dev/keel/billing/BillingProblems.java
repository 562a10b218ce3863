package dev.keel.billing;

import dev.keel.platform.web.Conflict;
import dev.keel.platform.web.KeelProblem;
import java.util.Locale;
import org.springframework.http.HttpStatus;

/** The failures of the billing module that clients can act on, each with its stable code. */
final class BillingProblems {

    private BillingProblems() {}

    static final class InvalidPaymentToken extends KeelProblem {
        InvalidPaymentToken() {
            super(HttpStatus.BAD_REQUEST, "invalid_payment_token", "The payment token is not known to the gateway.");
        }
    }

    static final class PaymentMethodRequired extends KeelProblem {
        PaymentMethodRequired() {
            super(
                    HttpStatus.BAD_REQUEST,
                    "payment_method_required",
                    "This needs a payment method: add a card first or name one.");
        }
    }

    /** 402 with the gateway's reason: {@code card_declined} or {@code insufficient_funds}. */
    static final class PaymentDeclined extends KeelProblem {
        PaymentDeclined(String declineCode) {
            super(HttpStatus.PAYMENT_REQUIRED, declineCode, "The card was declined; the invoice is still open.");
        }
    }

    static final class SubscriptionExists extends Conflict {
        SubscriptionExists() {
            super("subscription_exists", "You already have a subscription; change its plan instead.");
        }
    }

    static final class SubscriptionCanceled extends Conflict {
        SubscriptionCanceled() {
            super("subscription_canceled", "The subscription is canceled.");
        }
    }

    static final class SubscriptionNotActive extends Conflict {
        SubscriptionNotActive(SubscriptionStatus status) {
            super(
                    "subscription_not_active",
                    "Only active or trialing subscriptions can do this; this one is "
                            + status.name().toLowerCase(Locale.ROOT)
                            + ".");
        }
    }

    static final class NothingToResume extends Conflict {
        NothingToResume() {
            super("subscription_not_canceling", "The subscription has no cancellation to undo.");
        }
    }

    static final class PlanUnchanged extends Conflict {
        PlanUnchanged() {
            super("plan_unchanged", "The subscription is already on this plan.");
        }
    }

    static final class CurrencyMismatch extends Conflict {
        CurrencyMismatch() {
            super("currency_mismatch", "A subscription cannot change to a plan billed in another currency.");
        }
    }

    static final class PlanInUse extends Conflict {
        PlanInUse() {
            super(
                    "plan_in_use",
                    "Subscriptions use this plan, so its price and interval are fixed; publish a new plan instead.");
        }
    }

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
