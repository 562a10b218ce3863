package dev.keel.notifications.webhook;

import dev.keel.notifications.NotificationsProperties;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.util.Timeout;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.client.HttpComponentsClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

/**
 * Makes one delivery attempt: checks the target again, signs the stored payload and POSTs it with the
 * contract's timeouts (2 s connect, 5 s read), following no redirects, connecting only to addresses the policy
 * checked in the same resolution. Any 2xx is a success.
 */
@Component
public class WebhookSender {

    /** The result of one attempt; {@code error} is shown to the endpoint's owner in the delivery log. */
    public record Attempt(boolean succeeded, @Nullable Integer statusCode, String error, Duration took) {}

    private final RestClient http;
    private final WebhookUrlPolicy policy;
    private final WebhookSecrets secrets;

    /**
     * Wall time, not the application clock: receivers check {@code webhook-timestamp} against their own
     * clock, so a signature made at a travelled time would be refused as a replay.
     */
    private final Clock signingClock = Clock.systemUTC();

    WebhookSender(NotificationsProperties properties, WebhookUrlPolicy policy, WebhookSecrets secrets) {
        var webhooks = properties.webhooks();
        var connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setDnsResolver(policy.dnsResolver())
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(webhooks.connectTimeout()))
                        .setSocketTimeout(Timeout.of(webhooks.readTimeout()))
                        .build())
                .build();
        var client = HttpClients.custom()
                .setConnectionManager(connections)
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .build();
        var requests = new HttpComponentsClientHttpRequestFactory(client);
        requests.setReadTimeout(webhooks.readTimeout());
        this.http = RestClient.builder()
                .requestFactory(requests)
                .defaultHeader("User-Agent", "Keel-Webhooks/1")
                .build();
        this.policy = policy;
        this.secrets = secrets;
    }

    public Attempt deliver(WebhookDeliveries.Claimed delivery) {
        URI target;
        try {
            target = policy.target(delivery.url());
        } catch (WebhookUrlPolicy.Refused refused) {
            return new Attempt(false, null, "Target refused: " + refused.getMessage(), Duration.ZERO);
        }
        var messageId = delivery.eventId().toString();
        var timestamp = signingClock.instant().getEpochSecond();
        var signature =
                WebhookSigner.sign(secrets.open(delivery.storedSecret()), messageId, timestamp, delivery.payload());
        var started = System.nanoTime();
        try {
            int status = http.post()
                    .uri(target)
                    .contentType(MediaType.APPLICATION_JSON)
                    .header("webhook-id", messageId)
                    .header("webhook-timestamp", Long.toString(timestamp))
                    .header("webhook-signature", signature)
                    .body(delivery.payload())
                    .exchange((request, response) -> response.getStatusCode().value());
            var took = Duration.ofNanos(System.nanoTime() - started);
            boolean success = status >= 200 && status < 300;
            return new Attempt(success, status, success ? "" : "The endpoint answered HTTP " + status + ".", took);
        } catch (ResourceAccessException e) {
            var took = Duration.ofNanos(System.nanoTime() - started);
            if (e.getCause() instanceof WebhookUrlPolicy.RefusedAddress refused) {
                return new Attempt(false, null, "Target refused: " + refused.getMessage(), took);
            }
            var timedOut =
                    e.getCause() instanceof SocketTimeoutException || e.getCause() instanceof ConnectTimeoutException;
            return new Attempt(
                    false,
                    null,
                    timedOut ? "The endpoint did not answer in time." : "The endpoint could not be reached.",
                    took);
        }
    }
}
