package dev.keel.platform.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * The clock every module reads business time from: the system clock in UTC, plus the offset that time
 * travel has added (always zero unless time travel is enabled), in whole microseconds, the precision
 * PostgreSQL stores: an instant read here and written to the database reads back equal.
 */
public final class ApplicationClock extends Clock {

    private final Clock system;
    private volatile Duration offset = Duration.ZERO;

    public ApplicationClock(Clock system) {
        this.system = system;
    }

    @Override
    public Instant instant() {
        return system.instant().plus(offset).truncatedTo(ChronoUnit.MICROS);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("The application clock is always UTC");
    }

    Duration offset() {
        return offset;
    }

    void offset(Duration offset) {
        this.offset = offset;
    }
}
