package dev.keel.notifications.message;

import dev.keel.billing.Money;
import dev.keel.notifications.NotificationsProperties;
import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Currency;
import java.util.HashMap;
import java.util.Map;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Formats a message's facts into the values its subject, summary and templates name: dates and amounts for
 * people in the configured locale, and links into Keel's web front end below the public base URL.
 */
final class TemplateModels {

    private final NotificationsProperties properties;
    private final DateTimeFormatter dates;

    TemplateModels(NotificationsProperties properties) {
        this.properties = properties;
        this.dates = DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG)
                .withLocale(properties.locale())
                .withZone(ZoneOffset.UTC);
    }

    Map<String, String> of(MessageModel message) {
        var model = new HashMap<String, String>();
        model.put("name", message.name());
        switch (message) {
            case MessageModel.Welcome welcome -> model.put("link", link("/"));
            case MessageModel.EmailVerification verification -> {
                model.put("link", link("/verify-email", verification.token()));
                model.put("expiresAt", date(verification.expiresAt()));
            }
            case MessageModel.PasswordReset reset -> {
                model.put("link", link("/reset-password", reset.token()));
                model.put("expiresAt", date(reset.expiresAt()));
            }
            case MessageModel.InvoiceIssued invoice -> {
                invoice(model, invoice.invoiceId().toString(), invoice.number(), invoice.amountDue());
                model.put("dueAt", date(invoice.dueAt()));
            }
            case MessageModel.PaymentReceipt receipt -> {
                invoice(model, receipt.invoiceId().toString(), receipt.number(), receipt.amountPaid());
                model.put("paidAt", date(receipt.paidAt()));
                model.put("card", receipt.cardBrand() + " ending in " + receipt.cardLast4());
            }
            case MessageModel.PaymentFailed failed -> {
                invoice(model, failed.invoiceId().toString(), failed.number(), failed.amountDue());
                model.put(
                        "reason",
                        failed.declineCode().equals("insufficient_funds") ? "insufficient funds" : "card declined");
                var next = failed.nextPaymentAttemptAt();
                // Empty is false for the templates' {{#nextAttempt}} sections.
                model.put("nextAttempt", next == null ? "" : date(next));
            }
            case MessageModel.TrialEnding trial -> {
                model.put("plan", trial.planName());
                model.put("trialEnd", date(trial.trialEnd()));
                model.put("amount", money(trial.price()));
                model.put("link", link("/subscriptions/" + trial.subscriptionId()));
            }
            case MessageModel.SubscriptionCanceled canceled -> {
                model.put("plan", canceled.planName());
                model.put("canceledAt", date(canceled.canceledAt()));
                model.put("link", link("/plans"));
            }
            case MessageModel.AccountDeleted deleted -> {}
            case MessageModel.WebhookEndpointDisabled disabled -> {
                model.put("url", disabled.url());
                model.put("failingSince", date(disabled.failingSince()));
                model.put("link", link("/webhook-endpoints"));
            }
        }
        return model;
    }

    /** What every invoice message shows: the invoice's number and amount, and a link to it. */
    private void invoice(Map<String, String> model, String invoiceId, String number, Money amount) {
        model.put("number", number);
        model.put("amount", money(amount));
        model.put("link", link("/invoices/" + invoiceId));
    }

    private String date(Instant instant) {
        return dates.format(instant);
    }

    private String money(Money money) {
        var currency = Currency.getInstance(money.currency());
        var format = NumberFormat.getCurrencyInstance(properties.locale());
        format.setCurrency(currency);
        format.setMinimumFractionDigits(Math.max(currency.getDefaultFractionDigits(), 0));
        format.setMaximumFractionDigits(Math.max(currency.getDefaultFractionDigits(), 0));
        return format.format(BigDecimal.valueOf(money.amount(), Math.max(currency.getDefaultFractionDigits(), 0)));
    }

    private String link(String path) {
        return builder(path).encode().build().toUriString();
    }

    /** A link that carries a single-use token, for the email only. */
    private String link(String path, String token) {
        return builder(path).queryParam("token", token).encode().build().toUriString();
    }

    private UriComponentsBuilder builder(String path) {
        return UriComponentsBuilder.fromUri(properties.publicBaseUrl()).path(path);
    }
}
