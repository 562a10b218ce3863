package dev.keel.notifications.delivery;

import dev.keel.notifications.message.Channel;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * {@code keel_notifications_sent_total{channel,outcome}} (outcome {@code sent}, {@code retrying} or
 * {@code failed}) and the {@code keel_webhook_delivery_seconds} histogram of delivery attempts.
 */
@Component
class NotificationMetrics {

    private final MeterRegistry meters;
    private final Timer webhookDeliveries;

    NotificationMetrics(MeterRegistry meters) {
        this.meters = meters;
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

    private Counter counter(Channel channel, String outcome) {
        return Counter.builder("keel.notifications.sent")
                .description("Messages handed to a channel, by outcome of the attempt")
                .tag("channel", channel.name().toLowerCase(Locale.ROOT))
                .tag("outcome", outcome)
                .register(meters);
    }
}
