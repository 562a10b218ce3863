package dev.keel.billing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.billing.catalog.CatalogSeed;
import dev.keel.billing.catalog.PlanCatalog;
import dev.keel.billing.catalog.PlanRepository;
import dev.keel.test.TestTokens;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.cache.CacheManager;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

@ApplicationModuleTest
@AutoConfigureMockMvc
class PlanCatalogTests {

    @Autowired
    MockMvcTester mvc;

    @Autowired
    JwtEncoder jwtEncoder;

    @Autowired
    CacheManager caches;

    @Autowired
    PlanCatalog catalog;

    @Autowired
    PlanRepository plans;

    String admin;
    String user;

    @BeforeEach
    void setUp() {
        admin = TestTokens.bearer(jwtEncoder, UUID.randomUUID(), List.of("ADMIN", "USER"));
        user = TestTokens.bearer(jwtEncoder, UUID.randomUUID(), List.of("USER"));
    }

    @Test
    void listsActivePlansPubliclyWithEtagAndCacheControl() throws Exception {
        var code = publish(990);

        var list = mvc.get().uri("/api/v1/plans").exchange();

        assertThat(list).hasStatusOk().hasHeader("Cache-Control", "max-age=60, public");
        assertThat(list).bodyJson().extractingPath("$.items[*].code").asArray().contains(code);
        var etag = list.getResponse().getHeader("ETag");
        assertThat(etag).isNotBlank();
        assertThat(mvc.get().uri("/api/v1/plans").header("If-None-Match", etag)).hasStatus(HttpStatus.NOT_MODIFIED);
        assertThat(caches.getCache(PlanCatalog.CACHE).get("active")).isNotNull();
    }

    @Test
    void showsOnePlanOr404() {
        var code = publish(1500);

        assertThat(mvc.get().uri("/api/v1/plans/" + code))
                .hasStatusOk()
                .bodyJson()
                .extractingPath("$.price.amount")
                .isEqualTo(1500);
        assertThat(mvc.get().uri("/api/v1/plans/" + code))
                .bodyJson()
                .extractingPath("$.price")
                .asMap()
                .containsOnlyKeys("amount", "currency")
                .containsEntry("currency", "EUR");
        assertThat(mvc.get().uri("/api/v1/plans/no-such-plan"))
                .hasStatus(HttpStatus.NOT_FOUND)
                .bodyJson()
                .extractingPath("$.code")
                .isEqualTo("not_found");
    }

    @Test
    void publishingAndArchivingChangeTheCatalogueAtOnce() {
        var before = mvc.get().uri("/api/v1/plans").exchange().getResponse().getHeader("ETag");
        var code = publish(2500);
        var afterPublish = mvc.get().uri("/api/v1/plans").exchange();
        assertThat(afterPublish.getResponse().getHeader("ETag")).isNotEqualTo(before);
        assertThat(afterPublish)
                .bodyJson()
                .extractingPath("$.items[*].code")
                .asArray()
                .contains(code);

        var archived = patch(code, "{\"status\": \"ARCHIVED\"}", admin);

        assertThat(archived).hasStatusOk().bodyJson().extractingPath("$.status").isEqualTo("ARCHIVED");
        assertThat(mvc.get().uri("/api/v1/plans"))
                .bodyJson()
                .extractingPath("$.items[*].code")
                .asArray()
                .doesNotContain(code);
        assertThat(mvc.get().uri("/api/v1/plans/" + code)).hasStatusOk();
    }

    @Test
    void updatesDescriptiveFields() {
        var code = publish(100);

        var updated = patch(code, "{\"name\": \"Renamed\", \"features\": [\"One\", \"Two\"]}", admin);

        assertThat(updated)
                .hasStatusOk()
                .bodyJson()
                .extractingPath("$.features")
                .asArray()
                .containsExactly("One", "Two");
        assertThat(updated).bodyJson().extractingPath("$.name").isEqualTo("Renamed");
        assertThat(patch("no-such-plan", "{\"name\": \"X\"}", admin)).hasStatus(HttpStatus.NOT_FOUND);
    }

    @Test
    void refusesInvalidPlans() {
        var badCode =
                create("{\"code\": \"Not Valid\", \"name\": \"X\", \"price\": {\"amount\": 1, \"currency\": \"EUR\"},"
                        + " \"interval\": \"MONTH\", \"trialDays\": 0}");
        assertThat(badCode)
                .hasStatus(HttpStatus.BAD_REQUEST)
                .bodyJson()
                .extractingPath("$.errors[0].field")
                .isEqualTo("code");
        var negative = create(planJson(uniqueCode(), -1, "EUR", "MONTH"));
        assertThat(negative)
                .hasStatus(HttpStatus.BAD_REQUEST)
                .bodyJson()
                .extractingPath("$.errors[0].field")
                .isEqualTo("price.amount");
        var unknownCurrency = create(planJson(uniqueCode(), 100, "XYZ", "MONTH"));
        assertThat(unknownCurrency)
                .hasStatus(HttpStatus.BAD_REQUEST)
                .bodyJson()
                .extractingPath("$.errors[0].field")
                .isEqualTo("price");
        assertThat(create(planJson(uniqueCode(), 100, "EUR", "WEEK"))).hasStatus(HttpStatus.BAD_REQUEST);
    }

    @Test
    void refusesFractionalAndMissingAmounts() {
        var fractional =
                create(planJson(uniqueCode(), 0, "EUR", "MONTH").replace("\"amount\": 0", "\"amount\": 19.99"));
        var missing = create(planJson(uniqueCode(), 0, "EUR", "MONTH").replace("\"amount\": 0, ", ""));

        assertThat(fractional).hasStatus(HttpStatus.BAD_REQUEST);
        assertThat(missing).hasStatus(HttpStatus.BAD_REQUEST);
        assertThat(missing).bodyJson().extractingPath("$.errors[0].field").isEqualTo("price.amount");
    }

    @Test
    void refusesAStaleIfMatch() {
        var code = publish(100);
        patch(code, "{\"name\": \"First\"}", admin);

        var stale = mvc.patch()
                .uri("/api/v1/admin/plans/" + code)
                .header("Authorization", admin)
                .header("If-Match", "\"0\"")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\": \"Second\"}")
                .exchange();

        assertThat(stale).hasStatus(HttpStatus.PRECONDITION_FAILED);
        assertThat(mvc.get().uri("/api/v1/plans/" + code))
                .bodyJson()
                .extractingPath("$.name")
                .isEqualTo("First");
    }

    @Test
    void refusesADuplicateCode() {
        var code = publish(100);

        assertThat(create(planJson(code, 100, "EUR", "MONTH")))
                .hasStatus(HttpStatus.CONFLICT)
                .bodyJson()
                .extractingPath("$.code")
                .isEqualTo("plan_exists");
    }

    @Test
    void letsOnlyAdminsChangeTheCatalogue() {
        var json = planJson(uniqueCode(), 100, "EUR", "MONTH");

        assertThat(mvc.post()
                        .uri("/api/v1/admin/plans")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(json))
                .hasStatus(HttpStatus.UNAUTHORIZED);
        assertThat(mvc.post()
                        .uri("/api/v1/admin/plans")
                        .header("Authorization", user)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(json))
                .hasStatus(HttpStatus.FORBIDDEN);
    }

    @Test
    void seedsTheStarterCatalogueOnce() throws Exception {
        ApplicationArguments none = new DefaultApplicationArguments();
        var seed = new CatalogSeed(
                new BillingProperties(
                        true, Duration.ofMinutes(5), 200, 4, Duration.ofMinutes(30), List.of(Duration.ofDays(1))),
                catalog,
                plans);

        seed.run(none);
        seed.run(none);

        assertThat(plans.findAllById(List.of("free", "pro-monthly-trial", "pro-monthly", "pro-yearly")))
                .hasSize(4)
                .anySatisfy(plan -> assertThat(plan.trialDays()).isEqualTo(14));
    }

    private String publish(long amount) {
        var code = uniqueCode();
        assertThat(create(planJson(code, amount, "EUR", "MONTH"))).hasStatus(HttpStatus.CREATED);
        return code;
    }

    private MvcTestResult create(String json) {
        return mvc.post()
                .uri("/api/v1/admin/plans")
                .header("Authorization", admin)
                .contentType(MediaType.APPLICATION_JSON)
                .content(json)
                .exchange();
    }

    private MvcTestResult patch(String code, String json, String authorization) {
        return mvc.patch()
                .uri("/api/v1/admin/plans/" + code)
                .header("Authorization", authorization)
                .contentType(MediaType.APPLICATION_JSON)
                .content(json)
                .exchange();
    }

    private static String planJson(String code, long amount, String currency, String interval) {
        return """
                {"code": "%s", "name": "Plan %s", "description": "A plan", "price": {"amount": %d, "currency": "%s"},
                 "interval": "%s", "trialDays": 0, "features": ["Everything"]}
                """.formatted(code, code, amount, currency, interval);
    }

    private static String uniqueCode() {
        return "plan-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
