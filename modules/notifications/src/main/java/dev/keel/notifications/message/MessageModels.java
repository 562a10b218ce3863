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
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

/** The values messages show, formatted for people in the configured locale, and links to Keel. */
@Component
public class MessageModels {

    private final RecipientRepository recipients;
    private final NotificationsProperties properties;
    private final DateTimeFormatter dates;

    MessageModels(RecipientRepository recipients, NotificationsProperties properties) {
        this.recipients = recipients;
        this.properties = properties;
        this.dates = DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG)
                .withLocale(properties.locale())
                .withZone(ZoneOffset.UTC);
    }

    /** A fresh model that greets the user by their display name. */
    public Map<String, String> forUser(UUID userId) {
        var name = recipients.findById(userId).map(Recipient::displayName).orElse("there");
        return named(name);
    }

    public Map<String, String> named(String name) {
        var model = new HashMap<String, String>();
        model.put("name", name);
        return model;
    }

    public String date(Instant instant) {
        return dates.format(instant);
    }

    public String money(Money money) {
        var currency = Currency.getInstance(money.currency());
        var format = NumberFormat.getCurrencyInstance(properties.locale());
        format.setCurrency(currency);
        format.setMinimumFractionDigits(Math.max(currency.getDefaultFractionDigits(), 0));
        format.setMaximumFractionDigits(Math.max(currency.getDefaultFractionDigits(), 0));
        return format.format(BigDecimal.valueOf(money.amount(), Math.max(currency.getDefaultFractionDigits(), 0)));
    }

    /** A link into Keel's web front end, below the configured public base URL. */
    public String link(String path, Object... query) {
        var builder = UriComponentsBuilder.fromUri(properties.publicBaseUrl()).path(path);
        for (int i = 0; i + 1 < query.length; i += 2) {
            builder.queryParam(String.valueOf(query[i]), query[i + 1]);
        }
        return builder.encode().build().toUriString();
    }
}
