package dev.keel.billing.payment;

import dev.keel.platform.web.KeelProblem;
import org.springframework.http.HttpStatus;

/** The payment failures that clients can act on, each with its stable code. */
public final class PaymentProblems {

    private PaymentProblems() {}

    static final class InvalidPaymentToken extends KeelProblem {
        InvalidPaymentToken() {
            super(HttpStatus.BAD_REQUEST, "invalid_payment_token", "The payment token is not known to the gateway.");
        }
    }

    public static final class PaymentMethodRequired extends KeelProblem {
        public PaymentMethodRequired() {
            super(
                    HttpStatus.BAD_REQUEST,
                    "payment_method_required",
                    "This needs a payment method: add a card first or name one.");
        }
    }

    /** 402 with the gateway's reason: {@code card_declined} or {@code insufficient_funds}. */
    public static final class PaymentDeclined extends KeelProblem {
        public PaymentDeclined(String declineCode) {
            super(HttpStatus.PAYMENT_REQUIRED, declineCode, "The card was declined; the invoice is still open.");
        }
    }
}
