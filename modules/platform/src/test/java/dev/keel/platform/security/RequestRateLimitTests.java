package dev.keel.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

@SpringBootTest(properties = {"keel.web.client-rate-limit.requests=3", "keel.web.client-rate-limit.window=1h"})
@AutoConfigureMockMvc
class RequestRateLimitTests {

    static final AtomicInteger CLIENTS = new AtomicInteger();

    @Autowired
    MockMvcTester mvc;

    @Test
    void refusesAnAnonymousClientPastItsLimitWithRetryAfter() {
        var address = someAddress();
        var within = IntStream.range(0, 3).mapToObj(i -> echo(address)).toList();

        var refused = echo(address);

        assertThat(within).allSatisfy(answer -> assertThat(answer).hasStatusOk());
        assertThat(refused)
                .hasStatus(HttpStatus.TOO_MANY_REQUESTS)
                .hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .hasHeader("RateLimit-Limit", "3")
                .hasHeader("RateLimit-Remaining", "0")
                // One of 3 requests an hour comes back every 20 minutes.
                .hasHeader("Retry-After", "1200")
                .bodyJson()
                .extractingPath("$.code")
                .isEqualTo("rate_limited");
        assertThat(echo(someAddress())).hasStatusOk();
    }

    @Test
    void countsAnIpv6NetworkAsOneClient() {
        var network = "2001:db8:%x:0:".formatted(next());
        echo(network + "1::1");
        echo(network + "2::2");
        echo(network + "3::3");

        assertThat(echo(network + "4::4")).hasStatus(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(echo("2001:db8:%x:0::1".formatted(next()))).hasStatusOk();
    }

    @Test
    void countsASignedInCallerAsTheUserWhateverTheAddress() {
        var name = "caller-" + next();
        assertThat(items(name, someAddress())).hasStatusOk();
        assertThat(items(name, someAddress())).hasStatusOk();
        assertThat(items(name, someAddress())).hasStatusOk();

        var address = someAddress();
        assertThat(items(name, address)).hasStatus(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(items("other-" + next(), address)).hasStatusOk();
    }

    @Test
    void countsRefusedRequestsTooSoThatAFloodNeverReachesTheHandlers() {
        var address = someAddress();
        IntStream.range(0, 3)
                .forEach(i -> assertThat(mvc.get()
                                .uri("/api/v1/probe/items")
                                .with(from(address))
                                .exchange())
                        .hasStatus(HttpStatus.UNAUTHORIZED));

        assertThat(mvc.get().uri("/api/v1/probe/items").with(from(address)).exchange())
                .hasStatus(HttpStatus.TOO_MANY_REQUESTS);
    }

    @Test
    void leavesWhatIsNoApiPathAlone() {
        var address = someAddress();
        IntStream.range(0, 5)
                .forEach(i -> assertThat(mvc.get()
                                .uri("/actuator/health")
                                .with(from(address))
                                .exchange())
                        .hasStatusOk());
        assertThat(echo(address)).hasStatusOk();
    }

    @Nested
    @SpringBootTest(
            properties = {
                "keel.web.client-rate-limit.enabled=false",
                "keel.web.client-rate-limit.requests=1",
            })
    class WhenSwitchedOff {

        @Autowired
        MockMvcTester unlimited;

        @Test
        void countsNothing() {
            var address = someAddress();
            IntStream.range(0, 5)
                    .forEach(i -> assertThat(unlimited
                                    .post()
                                    .uri("/api/v1/probe/public/echo")
                                    .with(from(address))
                                    .contentType(MediaType.APPLICATION_JSON)
                                    .content("{\"amount\": 1}")
                                    .exchange())
                            .hasStatusOk());
        }
    }

    private MvcTestResult echo(String address) {
        return mvc.post()
                .uri("/api/v1/probe/public/echo")
                .with(from(address))
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"amount\": 1}")
                .exchange();
    }

    private MvcTestResult items(String user, String address) {
        return mvc.get()
                .uri("/api/v1/probe/items")
                .with(user(user))
                .with(from(address))
                .exchange();
    }

    private static org.springframework.test.web.servlet.request.RequestPostProcessor from(String address) {
        return request -> {
            request.setRemoteAddr(address);
            return request;
        };
    }

    /** A client no other test was. */
    private static String someAddress() {
        int client = CLIENTS.incrementAndGet();
        return "10.0.%d.%d".formatted(client / 256, client % 256);
    }

    private static int next() {
        return CLIENTS.incrementAndGet();
    }
}
