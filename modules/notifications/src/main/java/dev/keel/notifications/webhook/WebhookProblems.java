package dev.keel.notifications.webhook;

import dev.keel.platform.web.KeelProblem;
import org.springframework.http.HttpStatus;

/** The failures of the webhook endpoints that clients can act on, each with its stable code. */
final class WebhookProblems {

    private WebhookProblems() {}

    static final class InvalidWebhookUrl extends KeelProblem {
        InvalidWebhookUrl(String reason) {
            super(HttpStatus.BAD_REQUEST, "invalid_webhook_url", reason);
        }
    }

    static final class TooManyWebhookEndpoints extends KeelProblem {
        TooManyWebhookEndpoints(int limit) {
            super(
                    HttpStatus.CONFLICT,
                    "too_many_webhook_endpoints",
                    "At most " + limit + " webhook endpoints per account.");
        }
    }
}
