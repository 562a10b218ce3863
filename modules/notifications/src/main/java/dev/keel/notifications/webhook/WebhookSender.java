package dev.keel.notifications.webhook;

import dev.keel.notifications.NotificationsProperties;
import dev.keel.platform.tracing.TraceContexts;
import io.micrometer.common.KeyValues;
import io.micrometer.core.instrument.binder.httpcomponents.hc5.ApacheHttpClientContext;
import io.micrometer.core.instrument.binder.httpcomponents.hc5.DefaultApacheHttpClientObservationConvention;
import io.micrometer.core.instrument.binder.httpcomponents.hc5.ObservationExecChainHandler;
import io.micrometer.observation.ObservationRegistry;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.util.Timeout;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Makes one delivery attempt: checks the target again, signs the stored payload and POSTs it with the
 * contract's timeouts (2 s connect, 5 s read), following no redirects, connecting only to addresses the policy
 * checked in the same resolution. Any 2xx is a success. Only the status line and headers are read: the
 * connection is dropped, not drained, once the status is known, and the whole attempt is cut off after the
 * connect and read timeouts together, so that neither an endless body nor a receiver trickling its answer
 * byte by byte can hold a sender.
 */
@Component
public class WebhookSender implements DisposableBean {

    /** The result of one attempt; {@code error} is shown to the endpoint's owner in the delivery log. */
    public record Attempt(boolean succeeded, @Nullable Integer statusCode, String error, Duration took) {}

    private static final String TIMED_OUT = "The endpoint did not answer in time.";

    private final CloseableHttpClient http;
    private final WebhookUrlPolicy policy;
    private final WebhookSecrets secrets;
    private final TraceContexts traces;
    private final Duration attemptLimit;
    private final ScheduledExecutorService deadlines = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("webhook-deadlines").daemon().factory());

    /**
     * Wall time, not the application clock: receivers check {@code webhook-timestamp} against their own
     * clock, so a signature made at a travelled time would be refused as a replay.
     */
    private final Clock signingClock = Clock.systemUTC();

    WebhookSender(
            NotificationsProperties properties,
            WebhookUrlPolicy policy,
            WebhookSecrets secrets,
            TraceContexts traces,
            ObservationRegistry observations) {
        var webhooks = properties.webhooks();
        var connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setDnsResolver(policy.dnsResolver())
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(webhooks.connectTimeout()))
                        .setSocketTimeout(Timeout.of(webhooks.readTimeout()))
                        .build())
                .build();
        this.http = HttpClients.custom()
                .setConnectionManager(connections)
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setResponseTimeout(Timeout.of(webhooks.readTimeout()))
                        .build())
                .setUserAgent("Keel-Webhooks/1")
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableContentCompression()
                // A client span per attempt, which also hands the receiver its traceparent header.
                .addExecInterceptorLast(
                        "observation", new ObservationExecChainHandler(observations, new EndpointBlindConvention()))
                .build();
        this.policy = policy;
        this.secrets = secrets;
        this.traces = traces;
        this.attemptLimit = webhooks.connectTimeout().plus(webhooks.readTimeout());
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
        var post = new HttpPost(target);
        post.setHeader("webhook-id", messageId);
        post.setHeader("webhook-timestamp", Long.toString(timestamp));
        post.setHeader("webhook-signature", signature);
        post.setEntity(new StringEntity(delivery.payload(), ContentType.APPLICATION_JSON));
        var started = System.nanoTime();
        var deadline = deadlines.schedule(post::cancel, attemptLimit.toMillis(), TimeUnit.MILLISECONDS);
        ClassicHttpResponse response = null;
        try {
            var host = HttpHost.create(target);
            response = traces.continuing(
                    delivery.traceparent(), "webhook delivery", () -> http.executeOpen(host, post, null));
            int status = response.getCode();
            var took = Duration.ofNanos(System.nanoTime() - started);
            boolean success = status >= 200 && status < 300;
            return new Attempt(success, status, success ? "" : "The endpoint answered HTTP " + status + ".", took);
        } catch (IOException e) {
            var took = Duration.ofNanos(System.nanoTime() - started);
            if (e instanceof WebhookUrlPolicy.RefusedAddress refused) {
                return new Attempt(false, null, "Target refused: " + refused.getMessage(), took);
            }
            var timedOut =
                    post.isCancelled() || e instanceof SocketTimeoutException || e instanceof ConnectTimeoutException;
            return new Attempt(false, null, timedOut ? TIMED_OUT : "The endpoint could not be reached.", took);
        } finally {
            deadline.cancel(false);
            // The connection is dropped, not drained: closing the response alone would read the rest of the body.
            post.cancel();
            closeQuietly(response);
        }
    }

    /**
     * Micrometer's tags for a client request, but for the receiver's host and port: endpoints are the
     * users', and one series per receiver would grow without bound.
     */
    private static final class EndpointBlindConvention extends DefaultApacheHttpClientObservationConvention {

        private static final Set<String> PER_ENDPOINT = Set.of("target.host", "target.port");

        @Override
        public KeyValues getLowCardinalityKeyValues(ApacheHttpClientContext context) {
            return KeyValues.of(super.getLowCardinalityKeyValues(context).stream()
                    .filter(tag -> !PER_ENDPOINT.contains(tag.getKey()))
                    .toList());
        }
    }

    private static void closeQuietly(@Nullable ClassicHttpResponse response) {
        if (response == null) {
            return;
        }
        try {
            response.close();
        } catch (IOException dropped) {
            // The connection was cancelled: nothing is left to read or to give back.
        }
    }

    @Override
    public void destroy() throws IOException {
        deadlines.shutdownNow();
        http.close();
    }
}
