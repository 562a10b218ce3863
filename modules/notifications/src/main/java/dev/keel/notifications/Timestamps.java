package dev.keel.notifications;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.jspecify.annotations.Nullable;

/** The JDBC driver binds and reads {@code timestamp with time zone} as {@link OffsetDateTime}, not Instant. */
final class Timestamps {

    private Timestamps() {}

    @Nullable
    static OffsetDateTime utc(@Nullable Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
