package dev.keel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.keel.client.ApiClient;
import dev.keel.client.api.AdminPlansApi;
import dev.keel.client.api.AuthApi;
import dev.keel.client.api.InvoicesApi;
import dev.keel.client.api.PaymentMethodsApi;
import dev.keel.client.api.PlansApi;
import dev.keel.client.api.SubscriptionsApi;
import dev.keel.client.api.UsersApi;
import dev.keel.client.model.AddPaymentMethodRequest;
import dev.keel.client.model.CreatePlanRequest;
import dev.keel.client.model.CreateTokenRequest;
import dev.keel.client.model.Invoice;
import dev.keel.client.model.Plan;
import dev.keel.client.model.PlanPriceInput;
import dev.keel.client.model.RegisterUserRequest;
import dev.keel.client.model.SubscribeRequest;
import dev.keel.client.model.Subscription;
import dev.keel.client.model.User;
import dev.keel.test.OpenApiValidation;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.client.BufferingClientHttpRequestFactory;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.HttpClientErrorException;

/**
 * The client that openapi-generator makes of docs/api/openapi.json (app/pom.xml) against the running
 * application: if the document promised what the application does not do, or the other way round, these
 * typed calls fail. Every response is also validated against the served document.
 */
@RunningApplicationTest
class GeneratedClientTests {

    static final String PASSWORD = "a client's passphrase";

    @LocalServerPort
    int port;

    @Test
    void registersSignsInAndReadsTheAccount() {
        var email = "client-" + UUID.randomUUID() + "@example.com";

        var registered = new UsersApi(client(null))
                .registerUser(
                        new RegisterUserRequest()
                                .email(email)
                                .password(PASSWORD)
                                .displayName("Grace Hopper"),
                        null);
        var tokens = new AuthApi(client(null))
                .createToken(new CreateTokenRequest().email(email).password(PASSWORD));
        var me = new UsersApi(client(tokens.getAccessToken())).getMe();

        assertThat(registered.getEmail()).isEqualTo(email);
        assertThat(tokens.getTokenType()).isEqualToIgnoringCase("bearer");
        assertThat(tokens.getExpiresIn()).isPositive();
        assertThat(me.getId()).isEqualTo(registered.getId());
        assertThat(me.getDisplayName()).isEqualTo("Grace Hopper");
        assertThat(me.getRoles()).containsExactly(User.RolesEnum.USER);
    }

    @Test
    void listsAPublishedPlanWithItsPrice() {
        var code = "client-" + UUID.randomUUID().toString().substring(0, 8);
        publishMonthlyPlan(code, "Client plan", 1999L);

        var plans = new PlansApi(client(null)).listPlans().getItems();

        assertThat(plans)
                .filteredOn(plan -> code.equals(plan.getCode()))
                .singleElement()
                .satisfies(plan -> {
                    assertThat(plan.getInterval()).isEqualTo(Plan.IntervalEnum.MONTH);
                    assertThat(Objects.requireNonNull(plan.getPrice()).getAmount())
                            .isEqualTo(1999L);
                    assertThat(plan.getPrice().getCurrency()).isEqualTo("EUR");
                })
                .isInstanceOf(Plan.class);
    }

    /** The two operations that require an Idempotency-Key, as the generated client sends them. */
    @Test
    void subscribesAndPaysThroughTheOperationsThatRequireAKey() {
        var code = "client-sub-" + UUID.randomUUID().toString().substring(0, 8);
        publishMonthlyPlan(code, "Client subscription plan", 990L);
        var email = "client-" + UUID.randomUUID() + "@example.com";
        new UsersApi(client(null))
                .registerUser(
                        new RegisterUserRequest()
                                .email(email)
                                .password(PASSWORD)
                                .displayName("Ada"),
                        null);
        var user = client(new AuthApi(client(null))
                .createToken(new CreateTokenRequest().email(email).password(PASSWORD))
                .getAccessToken());
        new PaymentMethodsApi(user).addPaymentMethod(new AddPaymentMethodRequest().token("tok_visa"), null);

        var subscription = new SubscriptionsApi(user)
                .subscribe(UUID.randomUUID().toString(), new SubscribeRequest().planCode(code));
        var invoices = new InvoicesApi(user).listInvoices(null, null, null).getItems();

        assertThat(subscription.getStatus()).isEqualTo(Subscription.StatusEnum.ACTIVE);
        assertThat(invoices)
                .singleElement()
                .satisfies(invoice -> assertThat(invoice.getStatus()).isEqualTo(Invoice.StatusEnum.PAID));
    }

    @Test
    void answersAWrongPasswordWithAProblem() {
        assertThatExceptionOfType(HttpClientErrorException.Unauthorized.class)
                .isThrownBy(() -> new AuthApi(client(null))
                        .createToken(new CreateTokenRequest()
                                .email("nobody@example.com")
                                .password(PASSWORD)))
                .satisfies(problem ->
                        assertThat(problem.getResponseBodyAsString()).contains("\"code\":\"invalid_credentials\""));
    }

    /** Publishes a monthly EUR plan as the bootstrap admin, through the generated admin API. */
    private void publishMonthlyPlan(String code, String name, long amount) {
        var admin = new AuthApi(client(null))
                .createToken(new CreateTokenRequest().email("ops@example.com").password("an-operator-chosen-password"));
        new AdminPlansApi(client(admin.getAccessToken()))
                .createPlan(
                        new CreatePlanRequest()
                                .code(code)
                                .name(name)
                                .interval(CreatePlanRequest.IntervalEnum.MONTH)
                                .price(new PlanPriceInput().amount(amount).currency("EUR")),
                        null);
    }

    /** The generated client on a RestClient whose responses are also checked against the served document. */
    private ApiClient client(String accessToken) {
        var rest = ApiClient.buildRestClientBuilder()
                .requestFactory(new BufferingClientHttpRequestFactory(new JdkClientHttpRequestFactory()))
                .requestInterceptor((request, body, execution) -> {
                    var response = execution.execute(request, body);
                    var contentType = response.getHeaders().getContentType();
                    OpenApiValidation.validate(
                            request.getURI(),
                            request.getMethod().name(),
                            response.getStatusCode().value(),
                            contentType == null ? null : contentType.toString(),
                            new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8));
                    return response;
                })
                .build();
        var client = new ApiClient(rest).setBasePath("http://localhost:" + port);
        if (accessToken != null) {
            client.setBearerToken(accessToken);
        }
        return client;
    }
}
