package dev.keel.billing;

import static dev.keel.billing.BillingApi.field;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.billing.catalog.BillingInterval;
import dev.keel.billing.catalog.PlanCatalog;
import java.util.UUID;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

@ApplicationModuleTest
@AutoConfigureMockMvc
class InvoiceTests {

    @Autowired
    MockMvcTester mvc;

    @Autowired
    JwtEncoder jwtEncoder;

    @Autowired
    PlanCatalog catalog;

    BillingApi api;
    String monthly;

    @BeforeEach
    void setUp() {
        api = new BillingApi(mvc, jwtEncoder);
        monthly = BillingApi.publish(catalog, 1999, BillingInterval.MONTH, 0);
    }

    /** An invoice left open by a declined first charge. */
    private String openInvoice() {
        api.addCard("tok_chargeDeclined");
        return field(api.subscribe(monthly), "$.latestInvoiceId");
    }

    @Test
    void listsOwnInvoicesNewestFirstFilteredAndPaged() {
        var open = openInvoice();
        var visa = api.addCard("tok_visa");
        var paid = field(
                api.post(
                        "/api/v1/invoices/" + open + "/pay",
                        "{\"paymentMethodId\":\"" + visa + "\"}",
                        "k-" + UUID.randomUUID()),
                "$.id");
        var firstPage = mvc.get()
                .uri("/api/v1/invoices?limit=1")
                .header("Authorization", api.user)
                .exchange();
        var paidOnly = mvc.get()
                .uri("/api/v1/invoices?status=PAID")
                .header("Authorization", api.user)
                .exchange();
        var openOnly = mvc.get()
                .uri("/api/v1/invoices?status=OPEN")
                .header("Authorization", api.user)
                .exchange();
        var forged = mvc.get()
                .uri("/api/v1/invoices?cursor=forged")
                .header("Authorization", api.user)
                .exchange();
        var badStatus = mvc.get()
                .uri("/api/v1/invoices?status=SETTLED")
                .header("Authorization", api.user)
                .exchange();

        assertThat(paid).isEqualTo(open);
        assertThat(firstPage)
                .bodyJson()
                .extractingPath("$.items[*].id")
                .asArray()
                .containsExactly(open);
        assertThat(firstPage).bodyJson().extractingPath("$.nextCursor").isNull();
        assertThat(paidOnly)
                .bodyJson()
                .extractingPath("$.items[*].id")
                .asArray()
                .containsExactly(open);
        assertThat(openOnly).bodyJson().extractingPath("$.items").asArray().isEmpty();
        assertThat(forged).hasStatus(HttpStatus.BAD_REQUEST);
        assertThat(badStatus).hasStatus(HttpStatus.BAD_REQUEST);
    }

    @Test
    void pagesWithACursor() {
        api.addCard("tok_visa");
        var id = api.subscribed(monthly);
        api.cancel(id, false);
        api.subscribed(monthly);

        var first = mvc.get()
                .uri("/api/v1/invoices?limit=1")
                .header("Authorization", api.user)
                .exchange();
        var next = field(first, "$.nextCursor");
        var second = mvc.get()
                .uri("/api/v1/invoices?limit=1&cursor=" + next)
                .header("Authorization", api.user)
                .exchange();

        assertThat(second).bodyJson().extractingPath("$.items").asArray().hasSize(1);
        assertThat(field(second, "$.items[0].id")).isNotEqualTo(field(first, "$.items[0].id"));
        assertThat(second).bodyJson().extractingPath("$.nextCursor").isNull();
    }

    @Test
    void refusesToPayTwiceAndNeedsAKey() {
        api.addCard("tok_visa");
        var invoice = field(api.subscribe(monthly), "$.latestInvoiceId");

        var again = api.pay(invoice, UUID.randomUUID().toString());
        var keyless = api.post("/api/v1/invoices/" + invoice + "/pay", "{}", null);

        assertThat(again)
                .hasStatus(HttpStatus.CONFLICT)
                .bodyJson()
                .extractingPath("$.code")
                .isEqualTo("invoice_not_payable");
        assertThat(keyless)
                .hasStatus(HttpStatus.BAD_REQUEST)
                .bodyJson()
                .extractingPath("$.code")
                .isEqualTo("idempotency_key_required");
    }

    @Test
    void answersInsufficientFundsWithItsOwnCode() {
        api.addCard("tok_insufficientFunds");
        var invoice = field(api.subscribe(monthly), "$.latestInvoiceId");

        var result = api.pay(invoice, UUID.randomUUID().toString());

        assertThat(result)
                .hasStatus(HttpStatus.PAYMENT_REQUIRED)
                .bodyJson()
                .extractingPath("$.code")
                .isEqualTo("insufficient_funds");
        assertThat(api.invoice(invoice)).bodyJson().extractingPath("$.status").isEqualTo("OPEN");
        assertThat(api.invoice(invoice))
                .bodyJson()
                .extractingPath("$.attemptCount")
                .isEqualTo(2);
    }

    @Test
    void hidesOtherUsersInvoices() {
        var invoice = openInvoice();
        var stranger = new BillingApi(mvc, jwtEncoder);
        stranger.addCard("tok_visa");

        assertThat(stranger.invoice(invoice)).hasStatus(HttpStatus.NOT_FOUND);
        assertThat(stranger.pay(invoice, UUID.randomUUID().toString())).hasStatus(HttpStatus.NOT_FOUND);
        assertThat(api.invoice(invoice)).bodyJson().extractingPath("$.status").isEqualTo("OPEN");
    }

    @Test
    void rendersAPdf() throws Exception {
        api.addCard("tok_visa");
        var invoice = field(api.subscribe(monthly), "$.latestInvoiceId");
        var number = field(api.invoice(invoice), "$.number");

        var pdf = mvc.get()
                .uri("/api/v1/invoices/" + invoice)
                .header("Authorization", api.user)
                .accept(MediaType.APPLICATION_PDF)
                .exchange();
        var json = mvc.get()
                .uri("/api/v1/invoices/" + invoice)
                .header("Authorization", api.user)
                .exchange();

        assertThat(pdf).hasStatusOk().hasContentType(MediaType.APPLICATION_PDF);
        try (var document = Loader.loadPDF(pdf.getResponse().getContentAsByteArray())) {
            var text = new PDFTextStripper().getText(document);
            assertThat(text).contains("Invoice " + number, "19.99 EUR", "PAID", "Amount due");
        }
        assertThat(json).hasStatusOk().hasContentType(MediaType.APPLICATION_JSON);
        // Two representations, two validators: a cached JSON's ETag never answers 304 for the PDF.
        var jsonTag = json.getResponse().getHeader("ETag");
        var pdfTag = pdf.getResponse().getHeader("ETag");
        assertThat(pdfTag).isNotNull().isNotEqualTo(jsonTag);
        assertThat(json.getResponse().getHeaders("Vary")).contains("Accept");
        assertThat(pdf.getResponse().getHeaders("Vary")).contains("Accept");
        var pdfWithJsonTag = mvc.get()
                .uri("/api/v1/invoices/" + invoice)
                .header("Authorization", api.user)
                .header("If-None-Match", jsonTag)
                .accept(MediaType.APPLICATION_PDF)
                .exchange();
        assertThat(pdfWithJsonTag).hasStatusOk().hasContentType(MediaType.APPLICATION_PDF);
        var unchangedPdf = mvc.get()
                .uri("/api/v1/invoices/" + invoice)
                .header("Authorization", api.user)
                .header("If-None-Match", pdfTag)
                .accept(MediaType.APPLICATION_PDF)
                .exchange();
        assertThat(unchangedPdf).hasStatus(HttpStatus.NOT_MODIFIED);
    }

    @Test
    void endsASubscriptionThatNeverStartedWhenItsInvoiceIsWrittenOffOrItIsCanceled() {
        api.addCard("tok_chargeDeclined");
        var written = api.subscribe(monthly);
        var writtenOff = mvc.post()
                .uri("/api/v1/admin/invoices/" + field(written, "$.latestInvoiceId") + "/mark-uncollectible")
                .header("Authorization", api.admin)
                .exchange();
        var canceled = api.subscribe(monthly);
        api.cancel(field(canceled, "$.id"), false);

        assertThat(writtenOff).hasStatusOk();
        assertThat(api.subscription(field(written, "$.id")))
                .bodyJson()
                .extractingPath("$.status")
                .isEqualTo("CANCELED");
        // Nothing was delivered, so nothing stays owed.
        assertThat(api.invoice(field(canceled, "$.latestInvoiceId")))
                .bodyJson()
                .extractingPath("$.status")
                .isEqualTo("VOID");
    }

    @Test
    void letsAdminsVoidOrGiveUpOnOpenInvoicesOnly() {
        var invoice = openInvoice();
        var other = new BillingApi(mvc, jwtEncoder);
        other.addCard("tok_chargeDeclined");
        var second = field(other.subscribe(monthly), "$.latestInvoiceId");

        var byUser = api.post("/api/v1/admin/invoices/" + invoice + "/void", "", null);
        var voided = mvc.post()
                .uri("/api/v1/admin/invoices/" + invoice + "/void")
                .header("Authorization", api.admin)
                .exchange();
        var voidedAgain = mvc.post()
                .uri("/api/v1/admin/invoices/" + invoice + "/mark-uncollectible")
                .header("Authorization", api.admin)
                .exchange();
        var uncollectible = mvc.post()
                .uri("/api/v1/admin/invoices/" + second + "/mark-uncollectible")
                .header("Authorization", api.admin)
                .exchange();
        var payVoided = api.pay(invoice, UUID.randomUUID().toString());

        assertThat(byUser).hasStatus(HttpStatus.FORBIDDEN);
        assertThat(voided).hasStatusOk().bodyJson().extractingPath("$.status").isEqualTo("VOID");
        assertThat(voidedAgain)
                .hasStatus(HttpStatus.CONFLICT)
                .bodyJson()
                .extractingPath("$.code")
                .isEqualTo("invoice_not_open");
        assertThat(uncollectible)
                .hasStatusOk()
                .bodyJson()
                .extractingPath("$.status")
                .isEqualTo("UNCOLLECTIBLE");
        assertThat(payVoided)
                .hasStatus(HttpStatus.CONFLICT)
                .bodyJson()
                .extractingPath("$.code")
                .isEqualTo("invoice_not_payable");
        assertThat(mvc.post()
                        .uri("/api/v1/admin/invoices/" + UUID.randomUUID() + "/void")
                        .header("Authorization", api.admin))
                .hasStatus(HttpStatus.NOT_FOUND);
    }
}
