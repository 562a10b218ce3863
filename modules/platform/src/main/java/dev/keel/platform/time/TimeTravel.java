package dev.keel.platform.time;

import java.time.Duration;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.NamedInterface;
import org.springframework.transaction.annotation.Transactional;

/**
 * Moves the application clock forward, for demos and tests. The offset is kept in the database, so a
 * restarted application carries on at the time it had reached instead of going back in time.
 */
@NamedInterface("time")
public class TimeTravel {

    private final ApplicationClock clock;
    private final JdbcClient jdbc;

    TimeTravel(ApplicationClock clock, JdbcClient jdbc) {
        this.clock = clock;
        this.jdbc = jdbc;
    }

    void restore() {
        jdbc.sql("select offset_millis from time_travel where id = 1")
                .query(Long.class)
                .optional()
                .ifPresent(millis -> clock.offset(Duration.ofMillis(millis)));
    }

    public Instant now() {
        return clock.instant();
    }

    /** Moves the clock forward to {@code target}; a target in the past leaves it where it is. */
    @Transactional
    public Instant travelTo(Instant target) {
        var step = Duration.between(clock.instant(), target);
        if (step.isPositive()) {
            var offset = clock.offset().plus(step);
            jdbc.sql("""
                    insert into time_travel (id, offset_millis) values (1, :millis)
                    on conflict (id) do update set offset_millis = excluded.offset_millis
                    """).param("millis", offset.toMillis()).update();
            clock.offset(offset);
        }
        return clock.instant();
    }
}
