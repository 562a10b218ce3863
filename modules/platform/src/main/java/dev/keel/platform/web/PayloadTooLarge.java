package dev.keel.platform.web;

import org.springframework.http.HttpStatus;

/** A request body over the configured limit. */
public class PayloadTooLarge extends KeelProblem {

    public PayloadTooLarge(long limitBytes) {
        super(
                HttpStatus.CONTENT_TOO_LARGE,
                ProblemCodes.PAYLOAD_TOO_LARGE,
                "The request body is larger than " + limitBytes + " bytes.");
    }
}
