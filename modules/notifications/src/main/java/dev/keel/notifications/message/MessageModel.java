package dev.keel.notifications.message;

import dev.keel.billing.Money;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What one message says, one record per {@link MessageType}: the facts, not yet formatted. The
 * {@link MessageRenderer} formats them for people (dates, amounts and links, in the configured locale) into
 * the values its templates name; {@link #data()} is the machine-readable part shown with the in-app message.
 */
public sealed interface MessageModel {

    MessageType type();

    /** Whom the message greets ("Hello Ada,"). */
    String name();

    /** The details an in-app message carries for clients, in this order; none by default. */
    default Map<String, Object> data() {
        return Map.of();
    }

    /** What every invoice message carries: the invoice, its number and the amount it is about. */
    private static Map<String, Object> invoiceData(UUID invoiceId, String number, String amountKey, Money amount) {
        var data = new LinkedHashMap<String, Object>();
        data.put("invoiceId", invoiceId);
        data.put("number", number);
        data.put(amountKey, amount);
        return data;
    }

    /**
     * Welcomes a new account. Like the other messages that go to an address nobody has confirmed yet
     * ({@link EmailVerification}, {@link PasswordReset}), it greets no one by name: whoever registered chose the
     * display name, and it must not put their words into a mail to someone else's address.
     */
    record Welcome() implements MessageModel {

        @Override
        public String name() {
            return "";
        }

        @Override
        public MessageType type() {
            return MessageType.WELCOME;
        }
    }

    /**
     * Asks the user to confirm their email address.
     *
     * @param token single-use: it goes into the email's link only, never into the inbox, a webhook or a log
     */
    record EmailVerification(String token, Instant expiresAt) implements MessageModel {

        @Override
        public String name() {
            return "";
        }

        @Override
        public MessageType type() {
            return MessageType.EMAIL_VERIFICATION;
        }

        @Override
        public String toString() {
            return "EmailVerification[expiresAt=" + expiresAt + "]";
        }
    }

    /**
     * Lets the user choose a new password.
     *
     * @param token single-use: it goes into the email's link only, never into the inbox, a webhook or a log
     */
    record PasswordReset(String token, Instant expiresAt) implements MessageModel {

        @Override
        public String name() {
            return "";
        }

        @Override
        public MessageType type() {
            return MessageType.PASSWORD_RESET;
        }

        @Override
        public String toString() {
            return "PasswordReset[expiresAt=" + expiresAt + "]";
        }
    }

    record InvoiceIssued(String name, UUID invoiceId, String number, Money amountDue, Instant dueAt)
            implements MessageModel {

        @Override
        public MessageType type() {
            return MessageType.INVOICE_ISSUED;
        }

        @Override
        public Map<String, Object> data() {
            return invoiceData(invoiceId, number, "amountDue", amountDue);
        }
    }

    record PaymentReceipt(
            String name,
            UUID invoiceId,
            String number,
            Money amountPaid,
            Instant paidAt,
            String cardBrand,
            String cardLast4)
            implements MessageModel {

        @Override
        public MessageType type() {
            return MessageType.PAYMENT_RECEIPT;
        }

        @Override
        public Map<String, Object> data() {
            return invoiceData(invoiceId, number, "amountPaid", amountPaid);
        }
    }

    /**
     * Tells the user that an invoice could not be charged.
     *
     * @param declineCode {@code card_declined} or {@code insufficient_funds}
     * @param nextPaymentAttemptAt null when billing will not try again
     */
    record PaymentFailed(
            String name,
            UUID invoiceId,
            String number,
            Money amountDue,
            String declineCode,
            @Nullable Instant nextPaymentAttemptAt)
            implements MessageModel {

        @Override
        public MessageType type() {
            return MessageType.PAYMENT_FAILED;
        }

        @Override
        public Map<String, Object> data() {
            var data = invoiceData(invoiceId, number, "amountDue", amountDue);
            if (nextPaymentAttemptAt != null) {
                data.put("nextPaymentAttemptAt", nextPaymentAttemptAt);
            }
            return data;
        }
    }

    record TrialEnding(String name, UUID subscriptionId, String planName, Money price, Instant trialEnd)
            implements MessageModel {

        @Override
        public MessageType type() {
            return MessageType.TRIAL_ENDING;
        }

        @Override
        public Map<String, Object> data() {
            var data = new LinkedHashMap<String, Object>();
            data.put("subscriptionId", subscriptionId);
            data.put("trialEnd", trialEnd);
            return data;
        }
    }

    record SubscriptionCanceled(
            String name,
            UUID subscriptionId,
            String planCode,
            String planName,
            dev.keel.billing.SubscriptionCanceled.Reason reason,
            Instant canceledAt)
            implements MessageModel {

        @Override
        public MessageType type() {
            return MessageType.SUBSCRIPTION_CANCELED;
        }

        @Override
        public Map<String, Object> data() {
            var data = new LinkedHashMap<String, Object>();
            data.put("subscriptionId", subscriptionId);
            data.put("planCode", planCode);
            data.put("reason", reason);
            return data;
        }
    }

    record AccountDeleted(String name) implements MessageModel {

        @Override
        public MessageType type() {
            return MessageType.ACCOUNT_DELETED;
        }
    }

    record WebhookEndpointDisabled(String name, UUID endpointId, String url, Instant failingSince)
            implements MessageModel {

        @Override
        public MessageType type() {
            return MessageType.WEBHOOK_ENDPOINT_DISABLED;
        }

        @Override
        public Map<String, Object> data() {
            var data = new LinkedHashMap<String, Object>();
            data.put("endpointId", endpointId);
            data.put("url", url);
            return data;
        }
    }
}
