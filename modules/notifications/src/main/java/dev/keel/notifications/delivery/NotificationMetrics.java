package dev.keel.notifications.delivery;

import dev.keel.notifications.message.Channel;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * {@code keel_notifications_sent_total{channel,outcome}} (outcome {@code sent}, {@code retrying} or
 * {@code failed}), {@code keel_notifications_owed{channel}} (emails and webhook deliveries recorded but not yet
 * made: the backlog a mail server or receiver outage builds up, since their events are complete once the delivery
 * is owed) and the {@code keel_webhook_delivery_seconds} histogram of delivery attempts.
 */
@Component
class NotificationMetrics {

    private final MeterRegistry meters;
    private final Timer webhookDeliveries;

    NotificationMetrics(MeterRegistry meters, JdbcClient jdbc) {
        this.meters = meters;
        owed(Channel.EMAIL, "select count(*) from email_deliveries where status in ('OWED', 'RETRYING')", jdbc);
        owed(Channel.WEBHOOK, "select count(*) from webhook_deliveries where status in ('PENDING', 'RETRYING')", jdbc);
        this.webhookDeliveries = Timer.builder("keel.webhook.delivery")
                .description("Time of webhook delivery attempts, successful or not")
                .publishPercentileHistogram()
                .maximumExpectedValue(Duration.ofSeconds(10))
                .register(meters);
        for (var channel : Channel.values()) {
            for (var outcome : new String[] {"sent", "retrying", "failed"}) {
                counter(channel, outcome);
            }
        }
    }

    void sent(Channel channel) {
        counter(channel, "sent").increment();
    }

    void failed(Channel channel, boolean willRetry) {
        counter(channel, willRetry ? "retrying" : "failed").increment();
    }

    void webhookAttempt(Duration took) {
        webhookDeliveries.record(took);
    }

    /** The query counts the rows the delivery worker's partial index holds, so a scrape reads only that index. */
    private void owed(Channel channel, String query, JdbcClient jdbc) {
        Gauge.builder(
                        "keel.notifications.owed",
                        jdbc,
                        db -> db.sql(query).query(Long.class).single())
                .description("Deliveries recorded but not yet made, by channel")
                .tag("channel", channel.name().toLowerCase(Locale.ROOT))
                .register(meters);
    }

    private Counter counter(Channel channel, String outcome) {
        return Counter.builder("keel.notifications.sent")
                .description("Messages handed to a channel, by outcome of the attempt")
                .tag("channel", channel.name().toLowerCase(Locale.ROOT))
                .tag("outcome", outcome)
                .register(meters);
    }
}
