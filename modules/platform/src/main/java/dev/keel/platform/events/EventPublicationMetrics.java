package dev.keel.platform.events;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Exposes the backlog of the event publication registry as {@code keel_event_publications_incomplete}:
 * events committed but not yet handled by every listener. A growing value means a listener is failing.
 */
@Component
class EventPublicationMetrics {

    EventPublicationMetrics(JdbcClient jdbc, MeterRegistry meters) {
        Gauge.builder("keel.event.publications.incomplete", jdbc, EventPublicationMetrics::countIncomplete)
                .description("Event publications not yet completed by their listener")
                .register(meters);
    }

    private static double countIncomplete(JdbcClient jdbc) {
        return jdbc.sql("select count(*) from event_publication where completion_date is null")
                .query(Long.class)
                .single();
    }
}
