package dev.keel.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MoneyTests {

    @Test
    void addsSubtractsAndMultipliesInMinorUnits() {
        var price = Money.of(1999, "eur");

        assertThat(price.currency()).isEqualTo("EUR");
        assertThat(price.plus(Money.of(1, "EUR"))).isEqualTo(Money.of(2000, "EUR"));
        assertThat(price.minus(Money.of(2000, "EUR"))).isEqualTo(Money.of(-1, "EUR"));
        assertThat(price.minus(Money.of(2000, "EUR")).belowZero()).isTrue();
        assertThat(price.times(12)).isEqualTo(Money.of(23988, "EUR"));
    }

    @Test
    void refusesToMixCurrencies() {
        assertThatThrownBy(() -> Money.of(100, "EUR").plus(Money.of(100, "USD")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesUnknownCurrenciesAndOverflow() {
        assertThatThrownBy(() -> Money.of(100, "XYZ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Money.of(Long.MAX_VALUE, "EUR").plus(Money.of(1, "EUR")))
                .isInstanceOf(ArithmeticException.class);
    }
}
