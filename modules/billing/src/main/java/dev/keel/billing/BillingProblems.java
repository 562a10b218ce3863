package dev.keel.billing;

import dev.keel.platform.web.KeelProblem;
import org.springframework.http.HttpStatus;

/** The failures of the billing module that clients can act on, each with its stable code. */
final class BillingProblems {

    private BillingProblems() {}

    static final class InvalidPaymentToken extends KeelProblem {
        InvalidPaymentToken() {
            super(HttpStatus.BAD_REQUEST, "invalid_payment_token", "The payment token is not known to the gateway.");
        }
    }
}
