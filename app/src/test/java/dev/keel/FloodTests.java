package dev.keel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keel.test.OpenApiValidation;
import dev.keel.test.TestDatabase;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.coyote.AbstractProtocol;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.annotation.Import;

/**
 * Floods against the running application with its production HTTP settings: one client far over its rate limit,
 * a burst of oversized request bodies, and ten thousand idle connections. Each measures what the others' service
 * and the server's memory do meanwhile.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "keel.web.client-rate-limit.requests=" + FloodTests.LIMIT,
            "keel.web.client-rate-limit.window=1m",
            "keel.notifications.email.capture=true"
        })
@Import(TestDatabase.class)
class FloodTests {

    static final int LIMIT = 60;
    static final int MIB = 1024 * 1024;

    @LocalServerPort
    int port;

    @Autowired
    WebServerApplicationContext context;

    @Test
    void answersAClientAtTenTimesItsLimit429WhileAnotherIsServedAsFast() throws Exception {
        var flooder = client(InetAddress.getByName("127.0.0.2"));
        var other = client(InetAddress.getByName("127.0.0.1"));
        var baseline = latencies(other, 15);

        var served = new AtomicInteger();
        var refused = new AtomicInteger();
        var retryAfter = Collections.synchronizedSet(new java.util.TreeSet<String>());
        List<Long> during;
        long floodMillis;
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            long start = System.nanoTime();
            var flood = new ArrayList<java.util.concurrent.Future<?>>();
            for (int worker = 0; worker < 4; worker++) {
                flood.add(threads.submit((Callable<Void>) () -> {
                    for (int i = 0; i < LIMIT * 10 / 4; i++) {
                        var answer = OpenApiValidation.validate(send(flooder));
                        if (answer.statusCode() == 200) {
                            served.incrementAndGet();
                        } else {
                            assertThat(answer.statusCode()).isEqualTo(429);
                            assertThat(answer.body()).contains("\"code\":\"rate_limited\"");
                            assertThat(answer.headers().firstValue("RateLimit-Limit"))
                                    .hasValue(String.valueOf(LIMIT));
                            retryAfter.add(
                                    answer.headers().firstValue("Retry-After").orElseThrow());
                            refused.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            during = latencies(other, 15);
            for (var worker : flood) {
                worker.get(60, TimeUnit.SECONDS);
            }
            floodMillis = (System.nanoTime() - start) / 1_000_000;
        }

        System.out.printf(
                "Flood: %d requests from one client in %d ms: %d served, %d answered 429 (Retry-After %s s);"
                        + " the other client p50/max %d/%d ms before, %d/%d ms during%n",
                LIMIT * 10,
                floodMillis,
                served.get(),
                refused.get(),
                retryAfter,
                p50(baseline),
                Collections.max(baseline),
                p50(during),
                Collections.max(during));
        // The bucket refills one request a second while the flood lasts.
        assertThat(served.get()).isBetween(LIMIT, LIMIT + (int) (floodMillis / 1000) + 1);
        assertThat(refused.get()).isEqualTo(LIMIT * 10 - served.get());
        assertThat(retryAfter)
                .isNotEmpty()
                .allSatisfy(seconds -> assertThat(Integer.parseInt(seconds)).isBetween(1, 60));
        assertThat(p50(during)).isLessThan(Math.max(100, 5 * p50(baseline)));
        assertThat(Collections.max(during)).isLessThan(1_000);
    }

    @Test
    void refusesOverAHundredMebibytesOfBodiesQuicklyWithoutHoldingThem() throws Exception {
        oversized(false, 4 * MIB); // warms up the path, so that the baseline holds what it needs
        long heapBefore = heapAfterGc();
        var answers = new ArrayList<java.util.concurrent.Future<Oversized>>();
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int connection = 0; connection < 4; connection++) {
                boolean chunked = connection % 2 == 1;
                answers.add(threads.submit(() -> oversized(chunked, 32 * MIB)));
            }
            for (var answer : answers) {
                var result = answer.get(60, TimeUnit.SECONDS);
                System.out.printf(
                        "Oversized body (%s, 32 MiB offered): %s after %d ms; %.1f MiB accepted by the socket"
                                + " before the server closed it%n",
                        result.chunked ? "chunked" : "Content-Length",
                        result.statusLine,
                        result.millisToAnswer,
                        result.bytesAccepted / (double) MIB);
                assertThat(result.statusLine).startsWith("HTTP/1.1 413");
                assertThat(result.millisToAnswer).isLessThan(2_000);
                // Swallowed (2 MiB) plus the socket buffers of both ends, never the body.
                assertThat(result.bytesAccepted).isLessThan(16L * MIB);
            }
        }
        long heapAfter = heapAfterGc();
        System.out.printf(
                "Heap after GC: %.1f MiB before, %.1f MiB after 128 MiB of refused bodies%n",
                heapBefore / (double) MIB, heapAfter / (double) MIB);
        assertThat(heapAfter - heapBefore).isLessThan(16L * MIB);
    }

    @Test
    void servesANewClientBesideTenThousandIdleConnectionsAndClosesThemAfterTheConnectionTimeout() throws Exception {
        var java = ProcessHandle.current().info().command().orElseThrow();
        var classes = Path.of(IdleConnections.class
                        .getProtectionDomain()
                        .getCodeSource()
                        .getLocation()
                        .toURI())
                .toString();
        var child = new ProcessBuilder(
                        java, "-cp", classes, IdleConnections.class.getName(), String.valueOf(port), "10000", "45000")
                .redirectErrorStream(true)
                .start();
        try (var output = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            var open = output.readLine();
            assertThat(open).as("the child's first line").startsWith("open 10000 ");
            long openedAt = System.nanoTime();
            // Tomcat takes them off the accept queue at its own pace: longer when the machine is busy.
            await().atMost(Duration.ofSeconds(30)).until(() -> serverConnections() >= 10_000);
            long held = serverConnections();
            long acceptedMillis = (System.nanoTime() - openedAt) / 1_000_000;

            var other = client(InetAddress.getByName("127.0.0.1"));
            long started = System.nanoTime();
            var answer = send(other);
            long servedMillis = (System.nanoTime() - started) / 1_000_000;
            assertThat(answer.statusCode()).isEqualTo(200);

            var closed = output.readLine();
            long closedAfter = (System.nanoTime() - openedAt) / 1_000_000;
            System.out.printf(
                    "Idle connections: %s ms to open; server held %d; a new client served in %d ms;"
                            + " child reports %s ms; all closed %d ms after they were open (all accepted after %d ms)%n",
                    open.substring(5), held, servedMillis, closed, closedAfter, acceptedMillis);
            assertThat(servedMillis).isLessThan(1_000);
            assertThat(closed).startsWith("closed 10000 ");
            // connection-timeout is 10 s from each accept: none closed much before it, all soon after the last.
            assertThat(Long.parseLong(closed.split(" ")[2])).isBetween(8_000L, 15_000L + acceptedMillis);
            await().atMost(Duration.ofSeconds(5)).until(() -> serverConnections() < 100);
        } finally {
            child.destroy();
            child.waitFor(5, TimeUnit.SECONDS);
        }
    }

    private record Oversized(boolean chunked, String statusLine, long millisToAnswer, long bytesAccepted) {}

    /** Offers a body of {@code size} bytes to the registration endpoint over a socket of its own. */
    private Oversized oversized(boolean chunked, int size) throws Exception {
        try (var socket = new Socket("127.0.0.1", port);
                var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            socket.setSendBufferSize(64 * 1024);
            var accepted = new AtomicLong();
            long start = System.nanoTime();
            var writer = threads.submit(() -> {
                var out = socket.getOutputStream();
                out.write(("POST /api/v1/users HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                                + (chunked ? "Transfer-Encoding: chunked\r\n" : "Content-Length: " + size + "\r\n")
                                + "\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                var piece = new byte[64 * 1024];
                java.util.Arrays.fill(piece, (byte) 'a');
                System.arraycopy("{\"displayName\":\"".getBytes(StandardCharsets.US_ASCII), 0, piece, 0, 16);
                try {
                    for (int sent = 0; sent < size; sent += piece.length) {
                        if (chunked) {
                            out.write((Integer.toHexString(piece.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                        }
                        out.write(piece);
                        if (chunked) {
                            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                        }
                        accepted.addAndGet(piece.length);
                        java.util.Arrays.fill(piece, 0, 16, (byte) 'a');
                    }
                } catch (IOException closedByTheServer) {
                    // what a refused flood should meet
                }
                return null;
            });
            var in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            var statusLine = in.readLine();
            long millis = (System.nanoTime() - start) / 1_000_000;
            try {
                writer.get(15, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException stillOpen) {
                socket.close();
            }
            return new Oversized(chunked, String.valueOf(statusLine), millis, accepted.get());
        }
    }

    private static HttpClient client(InetAddress from) {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .localAddress(from)
                .build();
    }

    private HttpResponse<String> send(HttpClient client) throws IOException, InterruptedException {
        return client.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/plans"))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Milliseconds of each of {@code count} requests, one after the other, every one of them served. */
    private List<Long> latencies(HttpClient client, int count) throws Exception {
        var millis = new ArrayList<Long>();
        for (int i = 0; i < count; i++) {
            long start = System.nanoTime();
            var answer = send(client);
            millis.add((System.nanoTime() - start) / 1_000_000);
            assertThat(answer.statusCode()).isEqualTo(200);
            Thread.sleep(20);
        }
        return millis;
    }

    private static long p50(List<Long> millis) {
        var sorted = millis.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private static long heapAfterGc() {
        var memory = ManagementFactory.getMemoryMXBean();
        memory.gc();
        memory.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }

    /**
     * The connections this test's Tomcat holds, from its connector. Not from JMX: the Tomcats of the other test
     * contexts cached in this JVM register their MBeans under the same names first, and this one's are refused.
     */
    private long serverConnections() {
        var tomcat = ((TomcatWebServer) context.getWebServer()).getTomcat();
        return ((AbstractProtocol<?>) tomcat.getConnector().getProtocolHandler()).getConnectionCount();
    }
}
