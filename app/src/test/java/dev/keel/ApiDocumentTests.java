package dev.keel;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The served OpenAPI document says what each operation answers: its statuses, codes and headers. */
@RunningApplicationTest
class ApiDocumentTests {

    @LocalServerPort
    int port;

    DocumentContext docs;

    @BeforeEach
    void readDocument() throws Exception {
        var response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v3/api-docs"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        docs = JsonPath.parse(response.body());
    }

    @Test
    void registeringAnswers201WithLocationAndEmailTakenButNever401() {
        assertThat(statuses("/api/v1/users", "post"))
                .contains("201", "400", "409", "500")
                .doesNotContain("200", "401");
        assertThat(headers("/api/v1/users", "post", "201")).contains("Location", "ETag");
        assertThat(codes("/api/v1/users", "post", "409")).contains("email_taken", "request_in_progress");
        assertThat(codes("/api/v1/users", "post", "400")).contains("validation_failed", "malformed_json");
    }

    @Test
    void subscribingDocumentsItsIdempotencyAnswersAndNoDecline() {
        var path = "/api/v1/subscriptions";
        assertThat(statuses(path, "post")).contains("201", "400", "401", "403", "409", "422", "500");
        assertThat(headers(path, "post", "201")).contains("Location", "ETag", "Idempotent-Replayed");
        assertThat(codes(path, "post", "400")).contains("idempotency_key_required", "payment_method_required");
        assertThat(codes(path, "post", "409")).contains("subscription_exists", "request_in_progress");
        assertThat(codes(path, "post", "422")).containsExactly("idempotency_key_reused");
        // A declined first charge leaves the subscription INCOMPLETE with its invoice open: no 402.
        assertThat(statuses(path, "post")).doesNotContain("402");
    }

    @Test
    void chargingOperationsDocumentDeclines() {
        assertThat(codes("/api/v1/invoices/{id}/pay", "post", "402")).contains("card_declined", "insufficient_funds");
        assertThat(codes("/api/v1/invoices/{id}/pay", "post", "409")).contains("invoice_not_payable");
        assertThat(codes("/api/v1/subscriptions/{id}/change-plan", "post", "402"))
                .contains("card_declined", "insufficient_funds");
        assertThat(codes("/api/v1/subscriptions/{id}/change-plan", "post", "409"))
                .contains("subscription_canceled", "plan_unchanged", "currency_mismatch");
    }

    @Test
    void adminOperationsAnswer403ToOtherCallers() {
        assertThat(codes("/api/v1/admin/users", "get", "403")).contains("forbidden");
        assertThat(codes("/api/v1/admin/plans/{code}", "patch", "403")).contains("forbidden");
        assertThat(codes("/api/v1/admin/invoices/{id}/void", "post", "403")).contains("forbidden");
        assertThat(codes("/api/v1/admin/invoices/{id}/void", "post", "409")).contains("invoice_not_open");
        assertThat(codes("/api/v1/users/me", "get", "403")).containsExactly("account_disabled");
    }

    @Test
    void conditionalReadsDocument304And412() {
        assertThat(statuses("/api/v1/plans", "get"))
                .contains("200", "304", "412")
                .doesNotContain("400", "401");
        assertThat(headers("/api/v1/plans", "get", "200")).contains("ETag");
        assertThat(headers("/api/v1/plans", "get", "304")).contains("ETag");
        assertThat(statuses("/api/v1/users/me", "get")).contains("200", "304", "412");
        assertThat(statuses("/api/v1/subscriptions/{id}", "get")).contains("200", "304", "412", "404");
        assertThat(codes("/api/v1/users/me", "patch", "412")).containsExactly("precondition_failed");
        assertThat(headers("/api/v1/users/me", "patch", "200")).contains("ETag");
    }

    @Test
    void signingInDocumentsItsRateLimit() {
        var path = "/api/v1/auth/token";
        assertThat(codes(path, "post", "429")).containsExactly("rate_limited");
        assertThat(headers(path, "post", "429"))
                .contains("Retry-After", "RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset");
        assertThat(headers(path, "post", "200")).contains("RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset");
        assertThat(codes(path, "post", "401")).containsExactly("invalid_credentials");
        assertThat(codes(path, "post", "403")).containsExactly("account_disabled");
        assertThat(statuses("/api/v1/auth/password-reset", "post"))
                .contains("202", "429")
                .doesNotContain("200");
    }

    @Test
    void operationsWithoutABodyDocumentTheirRealSuccess() {
        assertThat(statuses("/api/v1/auth/logout", "post")).contains("204").doesNotContain("200");
        assertThat(statuses("/api/v1/users/me", "delete")).contains("204").doesNotContain("200");
        assertThat(statuses("/api/v1/webhook-endpoints/{id}/deliveries/{deliveryId}/retry", "post"))
                .contains("202")
                .doesNotContain("200");
        assertThat(statuses("/api/v1/payment-methods/{id}", "delete"))
                .contains("204")
                .doesNotContain("200");
    }

    @Test
    void everyProblemResponseNamesItsCodesAndTheProblemSchema() {
        Map<String, Map<String, Map<String, Object>>> paths = docs.read("$.paths");
        paths.forEach((path, operations) -> operations.forEach((method, operation) -> {
            var statuses = statuses(path, method);
            assertThat(statuses).as("%s %s", method, path).contains("500");
            for (var status : statuses) {
                if (status.startsWith("4") || status.startsWith("5")) {
                    if (status.equals("412") && method.equals("get")) {
                        continue; // a failed If-Match of a conditional read has no body
                    }
                    var response = "$.paths['" + path + "']." + method + ".responses['" + status + "']";
                    assertThat(docs.read(response + ".x-problem-codes", List.class))
                            .as("%s %s %s", method, path, status)
                            .isNotEmpty();
                    assertThat(docs.read(
                                    response + ".content['application/problem+json'].schema['$ref']", String.class))
                            .isEqualTo("#/components/schemas/Problem");
                }
            }
        }));
    }

    @Test
    void statusFieldsCarryTheirEnums() {
        assertThat(enumOf("Subscription", "status"))
                .containsExactlyInAnyOrder("TRIALING", "ACTIVE", "PAST_DUE", "CANCELED", "INCOMPLETE");
        assertThat(enumOf("Invoice", "status"))
                .containsExactlyInAnyOrder("DRAFT", "OPEN", "PAID", "VOID", "UNCOLLECTIBLE");
        assertThat(enumOf("WebhookDelivery", "status"))
                .containsExactlyInAnyOrder("PENDING", "SUCCEEDED", "RETRYING", "FAILED");
        assertThat(enumOf("WebhookEndpoint", "status")).containsExactlyInAnyOrder("ENABLED", "DISABLED");
        assertThat(enumOf("Plan", "status")).containsExactlyInAnyOrder("ACTIVE", "ARCHIVED");
        assertThat(enumOf("Plan", "interval")).containsExactlyInAnyOrder("MONTH", "YEAR");
        assertThat(enumOf("User", "status")).containsExactlyInAnyOrder("ACTIVE", "DISABLED");
        assertThat(docs.read("$.components.schemas.User.properties.roles.items.enum", List.class))
                .containsExactlyInAnyOrder("USER", "ADMIN");
        assertThat(enumOf("Notification", "category")).containsExactlyInAnyOrder("account", "billing", "security");
    }

    @Test
    void moneyIsIntegerMinorUnits() {
        assertThat(docs.read("$.components.schemas.Money.properties.amount.type", String.class))
                .isEqualTo("integer");
        assertThat(docs.read("$.components.schemas.Money.properties.amount.description", String.class))
                .contains("minor units");
        assertThat(docs.read("$.components.schemas.Money.properties.currency.description", String.class))
                .contains("ISO 4217");
    }

    @Test
    void schemaNamesSayWhatTheyAre() {
        Map<String, Object> schemas = docs.read("$.components.schemas");
        assertThat(schemas)
                .containsKeys("CreateWebhookEndpointRequest", "AdminUpdateUserRequest", "WebhookEndpoint", "Invoice")
                .doesNotContainKeys(
                        "CreateRequest",
                        "UpdateRequest",
                        "Response",
                        "AdminUpdateRequest",
                        "EndpointResponse",
                        "DeliveryResponse",
                        "LineResponse",
                        "Mail",
                        "Categories");
    }

    @Test
    void blankRefusedStringsSayTheyNeedACharacter() {
        var email = "$.components.schemas.RegisterUserRequest.properties.email";
        assertThat(docs.read(email + ".minLength", Integer.class)).isEqualTo(1);
        assertThat(docs.read(email + ".pattern", String.class)).isEqualTo("\\S");
        assertThat(docs.read(
                        "$.components.schemas.CreateWebhookEndpointRequest.properties.url.minLength", Integer.class))
                .isEqualTo(1);
        // A field that may be left out is not refused blank.
        assertThat(docs.read("$.components.schemas.CreateWebhookEndpointRequest.properties.description", Map.class))
                .doesNotContainKey("pattern");
    }

    private List<String> statuses(String path, String method) {
        Map<String, Object> responses = docs.read("$.paths['" + path + "']." + method + ".responses");
        return List.copyOf(responses.keySet());
    }

    private List<String> codes(String path, String method, String status) {
        return docs.read("$.paths['" + path + "']." + method + ".responses['" + status + "'].x-problem-codes");
    }

    private List<String> headers(String path, String method, String status) {
        Map<String, Object> headers =
                docs.read("$.paths['" + path + "']." + method + ".responses['" + status + "'].headers");
        return List.copyOf(headers.keySet());
    }

    private List<String> enumOf(String schema, String property) {
        return docs.read("$.components.schemas['" + schema + "'].properties['" + property + "'].enum");
    }
}
