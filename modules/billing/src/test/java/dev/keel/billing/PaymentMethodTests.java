package dev.keel.billing;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import dev.keel.billing.payment.PaymentMethod;
import dev.keel.billing.payment.PaymentMethodRepository;
import dev.keel.test.TestTokens;
import dev.keel.users.UserDeleted;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.Scenario;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

@ApplicationModuleTest
@AutoConfigureMockMvc
class PaymentMethodTests {

    @Autowired
    MockMvcTester mvc;

    @Autowired
    JwtEncoder jwtEncoder;

    @Autowired
    PaymentMethodRepository methods;

    UUID userId;
    String user;

    @BeforeEach
    void setUp() {
        userId = UUID.randomUUID();
        user = TestTokens.bearer(jwtEncoder, userId, List.of("USER"));
    }

    @Test
    void makesTheFirstCardTheDefaultAndStoresNoCardData() throws Exception {
        var visa = add("tok_visa");
        var mastercard = add("tok_mastercard");

        assertThat(visa).hasStatus(HttpStatus.CREATED);
        assertThat(visa).bodyJson().extractingPath("$.brand").isEqualTo("visa");
        assertThat(visa).bodyJson().extractingPath("$.last4").isEqualTo("4242");
        assertThat(visa).bodyJson().extractingPath("$.isDefault").isEqualTo(true);
        assertThat(visa.getResponse().getHeader("Location")).endsWith("/api/v1/payment-methods/" + id(visa));
        assertThat(mastercard).bodyJson().extractingPath("$.isDefault").isEqualTo(false);
        assertThat(methods.findByUserIdOrderByIdDesc(userId))
                .extracting(PaymentMethod::gatewayReference)
                .satisfiesExactly(
                        reference -> assertThat(reference).startsWith("sim_mastercard:"),
                        reference -> assertThat(reference).startsWith("sim_visa:"));
    }

    @Test
    void refusesUnknownTokens() {
        var result = add("tok_unknown");

        assertThat(result)
                .hasStatus(HttpStatus.BAD_REQUEST)
                .bodyJson()
                .extractingPath("$.code")
                .isEqualTo("invalid_payment_token");
        assertThat(methods.existsByUserId(userId)).isFalse();
    }

    @Test
    void listsOwnCardsNewestFirstAndHidesOthers() throws Exception {
        var first = id(add("tok_visa"));
        var second = id(add("tok_mastercard"));
        var stranger = TestTokens.bearer(jwtEncoder, UUID.randomUUID(), List.of("USER"));

        assertThat(mvc.get().uri("/api/v1/payment-methods").header("Authorization", user))
                .bodyJson()
                .extractingPath("$.items[*].id")
                .asArray()
                .containsExactly(second, first);
        assertThat(mvc.get().uri("/api/v1/payment-methods").header("Authorization", stranger))
                .bodyJson()
                .extractingPath("$.items")
                .asArray()
                .isEmpty();
        assertThat(mvc.get().uri("/api/v1/payment-methods/" + first).header("Authorization", stranger))
                .hasStatus(HttpStatus.NOT_FOUND);
        assertThat(mvc.delete().uri("/api/v1/payment-methods/" + first).header("Authorization", stranger))
                .hasStatus(HttpStatus.NOT_FOUND);
        assertThat(mvc.post()
                        .uri("/api/v1/payment-methods/" + first + "/default")
                        .header("Authorization", stranger))
                .hasStatus(HttpStatus.NOT_FOUND);
        assertThat(mvc.get().uri("/api/v1/payment-methods")).hasStatus(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void switchesTheDefault() throws Exception {
        var visa = id(add("tok_visa"));
        var mastercard = id(add("tok_mastercard"));

        var result = mvc.post()
                .uri("/api/v1/payment-methods/" + mastercard + "/default")
                .header("Authorization", user)
                .exchange();

        assertThat(result)
                .hasStatusOk()
                .bodyJson()
                .extractingPath("$.isDefault")
                .isEqualTo(true);
        assertThat(methods.findByUserIdOrderByIdDesc(userId))
                .filteredOn(PaymentMethod::isDefault)
                .extracting(method -> method.id().toString())
                .containsExactly(mastercard)
                .doesNotContain(visa);
    }

    @Test
    void removingTheDefaultPromotesTheNewestCard() throws Exception {
        var visa = id(add("tok_visa"));
        var mastercard = id(add("tok_mastercard"));

        var removed = mvc.delete()
                .uri("/api/v1/payment-methods/" + visa)
                .header("Authorization", user)
                .exchange();

        assertThat(removed).hasStatus(HttpStatus.NO_CONTENT);
        assertThat(methods.findByUserIdOrderByIdDesc(userId)).singleElement().satisfies(method -> {
            assertThat(method.id().toString()).isEqualTo(mastercard);
            assertThat(method.isDefault()).isTrue();
        });
    }

    @Test
    void addsOnceForOneIdempotencyKey() throws Exception {
        var key = UUID.randomUUID().toString();

        var first = add("tok_visa", key);
        var retry = add("tok_visa", key);

        assertThat(id(retry)).isEqualTo(id(first));
        assertThat(retry).hasHeader("Idempotent-Replayed", "true");
        assertThat(methods.findByUserIdOrderByIdDesc(userId)).hasSize(1);
    }

    @Test
    void forgetsTheCardsOfADeletedUser(Scenario scenario) {
        add("tok_visa");
        add("tok_mastercard");

        scenario.publish(new UserDeleted(UUID.randomUUID(), userId, "gone@example.com", Instant.now(), Instant.now()))
                .andWaitForStateChange(() -> methods.existsByUserId(userId), exists -> !exists)
                .andVerify(exists -> assertThat(exists).isFalse());
    }

    private MvcTestResult add(String token) {
        return add(token, null);
    }

    private MvcTestResult add(String token, String idempotencyKey) {
        var request = mvc.post()
                .uri("/api/v1/payment-methods")
                .header("Authorization", user)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"token\": \"" + token + "\"}");
        if (idempotencyKey != null) {
            request = request.header("Idempotency-Key", idempotencyKey);
        }
        return request.exchange();
    }

    private static String id(MvcTestResult result) throws Exception {
        return JsonPath.read(result.getResponse().getContentAsString(), "$.id");
    }
}
