package dev.keel.billing;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Currency;
import java.util.Locale;

/**
 * An exact amount of money: integer minor units (cents) of an ISO 4217 currency. Never floating point.
 *
 * @param amount minor units, e.g. 1999 for 19.99 EUR
 * @param currency the ISO 4217 code, upper case
 */
@Schema(description = "An exact amount: integer minor units (cents) of an ISO 4217 currency, never floating point")
public record Money(
        @Schema(
                description = "Integer amount in minor units (cents) of the currency, e.g. 1999 for 19.99 EUR",
                example = "1999")
        long amount,

        @Schema(description = "ISO 4217 currency code, upper case", example = "EUR", pattern = "[A-Z]{3}")
        String currency) {

    public Money {
        currency = currency.toUpperCase(Locale.ROOT);
        // Throws for anything that is not an ISO 4217 code.
        Currency.getInstance(currency);
    }

    public static Money of(long amount, String currency) {
        return new Money(amount, currency);
    }

    public Money plus(Money other) {
        return new Money(Math.addExact(amount, sameCurrency(other).amount), currency);
    }

    public Money minus(Money other) {
        return new Money(Math.subtractExact(amount, sameCurrency(other).amount), currency);
    }

    public Money times(long factor) {
        return new Money(Math.multiplyExact(amount, factor), currency);
    }

    public boolean belowZero() {
        return amount < 0;
    }

    private Money sameCurrency(Money other) {
        if (!currency.equals(other.currency)) {
            throw new IllegalArgumentException("Cannot combine " + currency + " with " + other.currency);
        }
        return other;
    }
}
