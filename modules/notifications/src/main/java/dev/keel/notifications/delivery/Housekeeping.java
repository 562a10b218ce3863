package dev.keel.notifications.delivery;

import dev.keel.notifications.NotificationsProperties;
import dev.keel.notifications.email.EmailDeliveries;
import dev.keel.notifications.webhook.WebhookDeliveryRepository;
import dev.keel.notifications.webhook.WebhookEndpointRepository;
import dev.keel.platform.time.ClusterLock;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Keeps the delivery log bounded: settled deliveries older than the retention go, and so do the endpoints
 * of deleted accounts once nothing is left to deliver to them. One replica at a time runs it.
 */
@Component
public class Housekeeping {

    private static final Logger LOG = LoggerFactory.getLogger(Housekeeping.class);

    private final EmailDeliveries emails;
    private final WebhookDeliveryRepository webhookDeliveries;
    private final WebhookEndpointRepository endpoints;
    private final NotificationsProperties properties;
    private final Clock clock;
    private final ClusterLock lock;
    private final TransactionOperations transactions;

    Housekeeping(
            EmailDeliveries emails,
            WebhookDeliveryRepository webhookDeliveries,
            WebhookEndpointRepository endpoints,
            NotificationsProperties properties,
            Clock clock,
            ClusterLock lock,
            TransactionOperations transactions) {
        this.emails = emails;
        this.webhookDeliveries = webhookDeliveries;
        this.endpoints = endpoints;
        this.properties = properties;
        this.clock = clock;
        this.lock = lock;
        this.transactions = transactions;
    }

    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
    public void purge() {
        lock.runIfFree(
                "delivery-housekeeping",
                ClusterLock.MINIMUM_AT_MOST,
                () -> transactions.executeWithoutResult(transaction -> purgeNow()));
    }

    private void purgeNow() {
        var before = clock.instant().minus(properties.delivery().retention());
        int purged = emails.purgeFinishedBefore(before)
                + webhookDeliveries.purgeFinishedBefore(before)
                + endpoints.purgeRemoved(before);
        if (purged > 0) {
            LOG.info("Purged {} settled deliveries and removed endpoints", purged);
        }
    }
}
