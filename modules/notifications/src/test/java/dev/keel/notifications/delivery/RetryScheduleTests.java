package dev.keel.notifications.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetryScheduleTests {

    static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    static final List<Duration> WAITS = List.of(
            Duration.ofSeconds(30),
            Duration.ofMinutes(2),
            Duration.ofMinutes(10),
            Duration.ofHours(1),
            Duration.ofHours(6),
            Duration.ofHours(24));

    @Test
    void waitsLongerAfterEachFailureThenGivesUp() {
        var schedule = new RetrySchedule(WAITS, 0);

        assertThat(schedule.nextAttempt(1, NOW)).isEqualTo(NOW.plusSeconds(30));
        assertThat(schedule.nextAttempt(2, NOW)).isEqualTo(NOW.plus(Duration.ofMinutes(2)));
        assertThat(schedule.nextAttempt(6, NOW)).isEqualTo(NOW.plus(Duration.ofHours(24)));
        assertThat(schedule.nextAttempt(7, NOW)).isNull();
    }

    @Test
    void spreadsRetriesByTheJitter() {
        var earliest = new RetrySchedule(WAITS, 0.2, () -> 0.0);
        var latest = new RetrySchedule(WAITS, 0.2, () -> 0.999999);

        assertThat(earliest.nextAttempt(3, NOW)).isEqualTo(NOW.plus(Duration.ofMinutes(8)));
        assertThat(latest.nextAttempt(3, NOW))
                .isBetween(NOW.plus(Duration.ofMinutes(11)), NOW.plus(Duration.ofMinutes(12)));
    }
}
