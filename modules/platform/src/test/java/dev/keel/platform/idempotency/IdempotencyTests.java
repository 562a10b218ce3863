package dev.keel.platform.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

@SpringBootTest
@AutoConfigureMockMvc
@WithMockUser("alice")
class IdempotencyTests {

    @Autowired
    MockMvcTester mvc;

    @Autowired
    JdbcClient jdbc;

    @Test
    void replaysTheFirstResponseForTheSameKeyAndBody() throws Exception {
        var key = newKey();
        int before = charges();

        var first = pay(key, 100, "alice");
        var retry = pay(key, 100, "alice");

        assertThat(first).hasStatus(HttpStatus.CREATED);
        assertThat(first.getResponse().getHeader(IdempotencyFilter.REPLAYED_HEADER))
                .isNull();
        assertThat(retry).hasStatus(HttpStatus.CREATED).hasHeader(IdempotencyFilter.REPLAYED_HEADER, "true");
        assertThat(retry.getResponse().getContentAsString())
                .isEqualTo(first.getResponse().getContentAsString());
        assertThat(retry.getResponse().getHeader("Location"))
                .isEqualTo(first.getResponse().getHeader("Location"));
        assertThat(retry).hasContentTypeCompatibleWith(MediaType.APPLICATION_JSON);
        assertThat(charges()).isEqualTo(before + 1);
    }

    @Test
    void refusesTheSameKeyWithAnotherBody() {
        var key = newKey();
        pay(key, 100, "alice");

        var other = pay(key, 999, "alice");

        assertThat(other)
                .hasStatus(HttpStatus.UNPROCESSABLE_CONTENT)
                .bodyJson()
                .extractingPath("$.code")
                .isEqualTo("idempotency_key_reused");
    }

    @Test
    void requiresAKeyWhereTheModuleSaysSo() {
        var result = mvc.post()
                .uri("/api/v1/probe/payments")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"amount\": 5}")
                .exchange();

        assertThat(result)
                .hasStatus(HttpStatus.BAD_REQUEST)
                .bodyJson()
                .extractingPath("$.code")
                .isEqualTo("idempotency_key_required");
    }

    @Test
    void keepsKeysApartPerCaller() throws Exception {
        var key = newKey();
        int before = charges();

        pay(key, 100, "alice");
        var bob = pay(key, 100, "bob");

        assertThat(bob.getResponse().getHeader(IdempotencyFilter.REPLAYED_HEADER))
                .isNull();
        assertThat(charges()).isEqualTo(before + 2);
    }

    @Test
    void keepsAnonymousCallersWithDifferentRequestsApart() {
        var key = newKey();

        var first = anonymous(key, "{\"amount\": 1}");
        var other = anonymous(key, "{\"amount\": 2}");
        var retry = anonymous(key, "{\"amount\": 1}");

        assertThat(first).hasStatusOk();
        assertThat(other).hasStatusOk().bodyJson().extractingPath("$.amount").isEqualTo(2);
        assertThat(retry).hasStatusOk().hasHeader(IdempotencyFilter.REPLAYED_HEADER, "true");
    }

    @Test
    void refusesKeysThatAreEmptyOrTooLong() {
        assertThat(pay("", 1, "alice")).hasStatus(HttpStatus.BAD_REQUEST);
        assertThat(pay("k".repeat(256), 1, "alice"))
                .hasStatus(HttpStatus.BAD_REQUEST)
                .bodyJson()
                .extractingPath("$.errors[0].field")
                .isEqualTo(IdempotencyFilter.HEADER);
    }

    @Test
    void answersRetriesWhileTheFirstRequestRunsWithConflict() throws Exception {
        var key = newKey();
        var executor = Executors.newSingleThreadExecutor();
        try {
            var first = executor.submit(() -> post("/api/v1/probe/slow", key, "{}", "alice"));
            assertThat(dev.keel.platform.web.ProbeAccess.slowStarted().await(10, TimeUnit.SECONDS))
                    .isTrue();

            var retry = post("/api/v1/probe/slow", key, "{}", "alice");

            assertThat(retry)
                    .hasStatus(HttpStatus.CONFLICT)
                    .bodyJson()
                    .extractingPath("$.code")
                    .isEqualTo("request_in_progress");
            dev.keel.platform.web.ProbeAccess.releaseSlow();
            assertThat(first.get(10, TimeUnit.SECONDS)).hasStatusOk();
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void letsRetriesRunAgainAfterAServerError() throws Exception {
        var key = newKey();
        int before = charges();

        assertThat(post("/api/v1/probe/boom", key, "{}", "alice")).hasStatus(HttpStatus.INTERNAL_SERVER_ERROR);
        assertThat(post("/api/v1/probe/boom", key, "{}", "alice")).hasStatus(HttpStatus.INTERNAL_SERVER_ERROR);

        assertThat(charges()).isEqualTo(before + 2);
    }

    @Test
    void forgetsKeysAfterTheRetention() throws Exception {
        var key = newKey();
        int before = charges();
        pay(key, 100, "alice");
        jdbc.sql("update idempotency_keys set created_at = created_at - interval '25 hours' where idempotency_key = ?")
                .param(key)
                .update();

        var later = pay(key, 100, "alice");

        assertThat(later.getResponse().getHeader(IdempotencyFilter.REPLAYED_HEADER))
                .isNull();
        assertThat(charges()).isEqualTo(before + 2);
    }

    @Test
    void chargesOnceWhateverTheConcurrentRetries() throws Exception {
        var key = newKey();
        int before = charges();
        var executor = Executors.newFixedThreadPool(8);
        try {
            List<Callable<MvcTestResult>> attempts = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                attempts.add(() -> pay(key, 4200, "alice"));
            }
            var statuses = new ArrayList<Integer>();
            for (var attempt : executor.invokeAll(attempts)) {
                statuses.add(attempt.get().getResponse().getStatus());
            }

            assertThat(charges()).isEqualTo(before + 1);
            assertThat(statuses)
                    .allSatisfy(status -> assertThat(status).isIn(201, 409))
                    .contains(201);
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void storesResponseBodiesEncrypted() throws Exception {
        var key = newKey();

        var first = pay(key, 4242, "alice");
        var retry = pay(key, 4242, "alice");

        byte[] stored = jdbc.sql("select response_body from idempotency_keys where idempotency_key = ?")
                .param(key)
                .query((row, n) -> row.getBytes(1))
                .single();
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain("4242", "charge");
        assertThat(retry.getResponse().getContentAsString())
                .isEqualTo(first.getResponse().getContentAsString())
                .contains("4242");
    }

    @Test
    void storesNothingForRequestsThatNoEndpointTook() {
        var unknownRoute = newKey();
        var wrongMethod = newKey();

        assertThat(post("/api/v1/probe/made-up-" + unknownRoute, unknownRoute, "{}", "alice"))
                .hasStatus(HttpStatus.NOT_FOUND);
        assertThat(post("/api/v1/probe/items", wrongMethod, "{}", "alice")).hasStatus(HttpStatus.METHOD_NOT_ALLOWED);

        assertThat(jdbc.sql("select count(*) from idempotency_keys where idempotency_key in (?, ?)")
                        .params(unknownRoute, wrongMethod)
                        .query(Integer.class)
                        .single())
                .isZero();
    }

    private MvcTestResult anonymous(String key, String json) {
        return mvc.post()
                .uri("/api/v1/probe/public/echo")
                .with(SecurityMockMvcRequestPostProcessors.anonymous())
                .header(IdempotencyFilter.HEADER, key)
                .contentType(MediaType.APPLICATION_JSON)
                .content(json)
                .exchange();
    }

    private MvcTestResult pay(String key, long amount, String caller) {
        return post("/api/v1/probe/payments", key, "{\"amount\": " + amount + "}", caller);
    }

    private MvcTestResult post(String path, String key, String json, String caller) {
        return mvc.post()
                .uri(path)
                .with(user(caller))
                .header(IdempotencyFilter.HEADER, key)
                .contentType(MediaType.APPLICATION_JSON)
                .content(json)
                .exchange();
    }

    private int charges() throws Exception {
        return Integer.parseInt(mvc.get()
                .uri("/api/v1/probe/payments/count")
                .exchange()
                .getResponse()
                .getContentAsString()
                .trim());
    }

    private static String newKey() {
        return UUID.randomUUID().toString();
    }
}
