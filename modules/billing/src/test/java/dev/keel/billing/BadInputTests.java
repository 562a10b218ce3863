package dev.keel.billing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.billing.catalog.BillingInterval;
import dev.keel.billing.catalog.PlanCatalog;
import dev.keel.billing.subscription.SubscriptionRepository;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

/** Whatever a client sends, billing answers with a 4xx problem and changes nothing, never a 500. */
@ApplicationModuleTest
@AutoConfigureMockMvc
class BadInputTests {

    @Autowired
    MockMvcTester mvc;

    @Autowired
    JwtEncoder jwtEncoder;

    @Autowired
    PlanCatalog catalog;

    @Autowired
    SubscriptionRepository subscriptions;

    BillingApi api;
    String subscription;

    @BeforeEach
    void setUp() {
        api = new BillingApi(mvc, jwtEncoder);
        api.addCard("tok_visa");
        subscription = api.subscribed(BillingApi.publish(catalog, 1999, BillingInterval.MONTH, 0));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            POST | /api/v1/subscriptions                         | {"planCode":""}                                | 400
            POST | /api/v1/subscriptions                         | {"planCode":"x","paymentMethodId":"not-a-uuid"} | 400
            POST | /api/v1/subscriptions                         | {"planCode":42}                                | 400
            POST | /api/v1/subscriptions                         | [1,2]                                          | 400
            POST | /api/v1/subscriptions/{sub}/cancel            | {}                                             | 400
            POST | /api/v1/subscriptions/{sub}/cancel            | {"atPeriodEnd":"soon"}                         | 400
            POST | /api/v1/subscriptions/{sub}/cancel            | {"atPeriodEnd":true,"status":"ACTIVE"}         | 400
            POST | /api/v1/subscriptions/not-a-uuid/cancel       | {"atPeriodEnd":true}                           | 404
            POST | /api/v1/subscriptions/{sub}/change-plan       | {"planCode":null}                              | 400
            POST | /api/v1/subscriptions/{sub}/change-plan       | {"planCode":"no-such-plan"}                    | 400
            POST | /api/v1/invoices/{random}/pay                 | {}                                             | 404
            POST | /api/v1/invoices/not-a-uuid/pay               | {}                                             | 404
            POST | /api/v1/invoices/{random}/pay                 | {"paymentMethodId":17}                         | 400
            GET  | /api/v1/invoices?limit=0                      |                                                | 400
            GET  | /api/v1/invoices?limit=101                    |                                                | 400
            GET  | /api/v1/invoices?status=paid%27--             |                                                | 400
            GET  | /api/v1/subscriptions?cursor=%00%01           |                                                | 400
            GET  | /api/v1/invoices/{random}                     |                                                | 404
            """)
    void refusesWithAProblemAndChangesNothing(String method, String uri, String body, int status) {
        var before = subscriptions
                .findById(UUID.fromString(subscription))
                .orElseThrow()
                .version();
        var request = mvc.method(HttpMethod.valueOf(method))
                .uri(uri.replace("{sub}", subscription)
                        .replace("{random}", UUID.randomUUID().toString()))
                .header("Authorization", api.user)
                .header("Idempotency-Key", UUID.randomUUID().toString());
        if (body != null) {
            request = request.contentType(MediaType.APPLICATION_JSON).content(body);
        }

        var result = request.exchange();

        assertThat(result).hasStatus(status).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(result).bodyJson().extractingPath("$.code").isNotNull();
        assertThat(subscriptions
                        .findById(UUID.fromString(subscription))
                        .orElseThrow()
                        .version())
                .isEqualTo(before);
    }
}
