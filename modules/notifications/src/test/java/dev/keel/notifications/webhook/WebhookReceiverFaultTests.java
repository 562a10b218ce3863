package dev.keel.notifications.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.keel.notifications.NotificationsProperties;
import dev.keel.platform.tracing.TraceContexts;
import io.micrometer.observation.ObservationRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * Receivers that misbehave on the wire, served by raw sockets on loopback: the attempt ends within the
 * connect and read timeouts together, whatever the receiver does, and reads nothing past the status.
 */
class WebhookReceiverFaultTests {

    static final Duration CONNECT = Duration.ofSeconds(1);
    static final Duration READ = Duration.ofSeconds(1);
    /** The attempt's own limit (connect + read) and room for a loaded build machine. */
    static final Duration BOUND = CONNECT.plus(READ).plusMillis(1500);

    /** The defaults, with local targets allowed and short timeouts. */
    final NotificationsProperties properties = new Binder(new MapConfigurationPropertySource(Map.of(
                    "keel.notifications.webhooks.allow-insecure-targets", "true",
                    "keel.notifications.webhooks.connect-timeout", CONNECT.toString(),
                    "keel.notifications.webhooks.read-timeout", READ.toString())))
            .bindOrCreate("keel.notifications", NotificationsProperties.class);

    final WebhookSecrets secrets = new WebhookSecrets(properties);

    WebhookSender sender;
    ServerSocket server;
    final AtomicInteger connections = new AtomicInteger();

    @BeforeEach
    void start() throws IOException {
        sender = new WebhookSender(
                properties, new WebhookUrlPolicy(true), secrets, TraceContexts.none(), ObservationRegistry.NOOP);
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
        sender.destroy();
    }

    @Test
    void givesUpOnAReceiverThatNeverAnswers() {
        serve((in, out) -> sleep(Duration.ofSeconds(30)));

        var attempt = attempt();

        assertThat(attempt.succeeded()).isFalse();
        assertThat(attempt.error()).isEqualTo("The endpoint did not answer in time.");
        assertThat(attempt.took()).isLessThan(BOUND);
    }

    @Test
    void givesUpOnAnAnswerThatComesAfterTheReadTimeout() {
        serve((in, out) -> {
            sleep(READ.plusSeconds(1));
            write(out, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
        });

        var attempt = attempt();

        assertThat(attempt.succeeded()).isFalse();
        assertThat(attempt.error()).isEqualTo("The endpoint did not answer in time.");
    }

    @Test
    void readsNoMoreThanTheStatusOfAnEndlessBody() {
        serve((in, out) -> {
            write(out, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
            var chunk = ("1000\r\n" + "x".repeat(0x1000) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            while (true) {
                out.write(chunk); // until the sender drops the connection
            }
        });

        var attempt = attempt();

        assertThat(attempt.succeeded()).isTrue();
        assertThat(attempt.statusCode()).isEqualTo(200);
        assertThat(attempt.took()).isLessThan(BOUND);
    }

    /** One byte of the status line's headers every 300 ms never trips the read timeout; the limit holds. */
    @Test
    void cutsOffAReceiverThatTricklesItsAnswer() {
        serve((in, out) -> {
            write(out, "HTTP/1.1 200 OK\r\nX-Slow: ");
            while (true) {
                sleep(Duration.ofMillis(300));
                write(out, "a");
            }
        });

        var attempt = attempt();

        assertThat(attempt.succeeded()).isFalse();
        assertThat(attempt.error()).isEqualTo("The endpoint did not answer in time.");
        assertThat(attempt.took()).isLessThan(BOUND);
    }

    @Test
    void followsNoRedirect() throws IOException {
        try (var elsewhere = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            var redirected = new AtomicInteger();
            Thread.ofVirtual().start(() -> {
                try (var socket = elsewhere.accept()) {
                    redirected.incrementAndGet();
                } catch (IOException closed) {
                    // the test is over
                }
            });
            serve((in, out) -> write(
                    out,
                    "HTTP/1.1 307 Temporary Redirect\r\nLocation: http://127.0.0.1:" + elsewhere.getLocalPort()
                            + "/hook\r\nContent-Length: 0\r\n\r\n"));

            var attempt = attempt();

            assertThat(attempt.succeeded()).isFalse();
            assertThat(attempt.statusCode()).isEqualTo(307);
            assertThat(redirected).hasValue(0);
        }
    }

    private WebhookSender.Attempt attempt() {
        var delivery = new WebhookDeliveries.Claimed(
                UUID.randomUUID(),
                UUID.randomUUID(),
                UUID.randomUUID(),
                "{\"type\":\"ping\"}",
                0,
                "http://127.0.0.1:" + server.getLocalPort() + "/hook",
                secrets.seal(secrets.generate()),
                null);
        // Preemptive, so that a sender that does hang fails this test instead of the build.
        var attempt = assertTimeoutPreemptively(Duration.ofSeconds(15), () -> sender.deliver(delivery));
        assertThat(connections).hasValue(1);
        return attempt;
    }

    /** Answers one connection after reading the request's head. */
    private void serve(Receiver receiver) {
        Thread.ofVirtual().start(() -> {
            try (Socket socket = server.accept()) {
                connections.incrementAndGet();
                readHead(socket.getInputStream());
                receiver.answer(socket.getInputStream(), socket.getOutputStream());
            } catch (IOException | InterruptedException dropped) {
                // the sender hung up, as it should
            }
        });
    }

    private static void readHead(InputStream in) throws IOException {
        int matched = 0;
        var end = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        while (matched < end.length) {
            int b = in.read();
            if (b < 0) {
                return;
            }
            matched = b == end[matched] ? matched + 1 : (b == end[0] ? 1 : 0);
        }
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static void sleep(Duration duration) throws InterruptedException {
        Thread.sleep(duration);
    }

    @FunctionalInterface
    private interface Receiver {
        void answer(InputStream in, OutputStream out) throws IOException, InterruptedException;
    }
}
