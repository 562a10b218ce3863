package dev.keel.billing.invoice;

import dev.keel.billing.Money;
import dev.keel.platform.security.AuthenticatedUser;
import dev.keel.platform.web.Cursors;
import dev.keel.platform.web.ETagged;
import dev.keel.platform.web.ETags;
import dev.keel.platform.web.Page;
import dev.keel.platform.web.ProblemResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.WebRequest;

@RestController
@RequestMapping("/api/v1/invoices")
@Tag(name = "invoices", description = "The caller's invoices")
class InvoiceController {

    @Schema(name = "PayInvoiceRequest")
    record PayRequest(@Nullable UUID paymentMethodId) {}

    @Schema(name = "InvoiceLine")
    record LineResponse(
            String description,
            int quantity,
            Money unitAmount,
            Money amount,
            Instant periodStart,
            Instant periodEnd,
            boolean proration) {}

    @Schema(name = "Invoice")
    record InvoiceResponse(
            UUID id,
            String number,
            @Schema(implementation = InvoiceStatus.class) String status,
            String currency,
            List<LineResponse> lines,
            Money subtotal,
            Money total,
            Money amountPaid,

            @Schema(description = "What the customer's credit balance paid of the total; the card pays the rest")
            Money balanceApplied,

            Money amountDue,
            Instant issuedAt,
            Instant dueAt,
            @Nullable Instant paidAt,
            int attemptCount,
            @Nullable Instant nextPaymentAttemptAt,
            @Nullable UUID subscriptionId) {

        static InvoiceResponse of(Invoice invoice) {
            return new InvoiceResponse(
                    invoice.id(),
                    invoice.number(),
                    invoice.status().name(),
                    invoice.currency(),
                    invoice.lines().stream()
                            .map(line -> new LineResponse(
                                    line.description(),
                                    line.quantity(),
                                    invoice.money(line.unitAmount()),
                                    invoice.money(line.amount()),
                                    line.periodStart(),
                                    line.periodEnd(),
                                    line.proration()))
                            .toList(),
                    invoice.subtotal(),
                    invoice.total(),
                    invoice.amountPaid(),
                    invoice.balanceApplied(),
                    invoice.amountDue(),
                    invoice.issuedAt(),
                    invoice.dueAt(),
                    invoice.paidAt(),
                    invoice.attemptCount(),
                    invoice.nextPaymentAttemptAt(),
                    invoice.subscriptionId());
        }
    }

    private final Invoices invoices;
    private final InvoiceReads reads;
    private final InvoicePdf pdf;
    private final Cursors cursors;

    InvoiceController(Invoices invoices, InvoiceReads reads, InvoicePdf pdf, Cursors cursors) {
        this.invoices = invoices;
        this.reads = reads;
        this.pdf = pdf;
        this.cursors = cursors;
    }

    @GetMapping
    @Operation(operationId = "listInvoices", summary = "The caller's invoices, newest first")
    Page<InvoiceResponse> list(
            @AuthenticationPrincipal AuthenticatedUser caller,
            @RequestParam(required = false) @Nullable InvoiceStatus status,
            @RequestParam(required = false) @Nullable String cursor,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit) {
        var rows = reads.page(caller.id(), status, cursors.decode(cursor), limit);
        return cursors.page(rows, limit, InvoiceResponse::id, row -> row);
    }

    @GetMapping(value = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            operationId = "getInvoice",
            summary = "One of the caller's invoices (JSON or, with Accept: application/pdf, a PDF)",
            responses =
                    @ApiResponse(
                            responseCode = "200",
                            description = "The invoice; the JSON and the PDF carry different ETags",
                            headers = {
                                @Header(name = HttpHeaders.ETAG, description = "The representation's version"),
                                @Header(name = HttpHeaders.VARY, description = "Accept")
                            },
                            content = {
                                @Content(
                                        mediaType = MediaType.APPLICATION_JSON_VALUE,
                                        schema = @Schema(implementation = InvoiceResponse.class)),
                                @Content(
                                        mediaType = MediaType.APPLICATION_PDF_VALUE,
                                        schema = @Schema(type = "string", format = "binary"))
                            }))
    @ETagged
    @Nullable
    ResponseEntity<InvoiceResponse> get(
            @AuthenticationPrincipal AuthenticatedUser caller, @PathVariable UUID id, WebRequest request) {
        var invoice = invoices.get(caller.id(), id);
        var etag = ETags.of(invoice.version());
        if (request.checkNotModified(etag)) {
            return null;
        }
        return ResponseEntity.ok().eTag(etag).varyBy(HttpHeaders.ACCEPT).body(InvoiceResponse.of(invoice));
    }

    @GetMapping(value = "/{id}", produces = MediaType.APPLICATION_PDF_VALUE)
    @Operation(hidden = true)
    @Nullable
    ResponseEntity<byte[]> getPdf(
            @AuthenticationPrincipal AuthenticatedUser caller, @PathVariable UUID id, WebRequest request) {
        var invoice = invoices.get(caller.id(), id);
        var etag = ETags.of(invoice.version(), "pdf");
        if (request.checkNotModified(etag)) {
            return null;
        }
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_PDF)
                .eTag(etag)
                .varyBy(HttpHeaders.ACCEPT)
                .header(
                        "Content-Disposition",
                        ContentDisposition.inline()
                                .filename(invoice.number() + ".pdf")
                                .build()
                                .toString())
                .body(pdf.render(invoice));
    }

    @PostMapping("/{id}/pay")
    @Operation(
            operationId = "payInvoice",
            summary = "Pay an open invoice",
            description = "Requires an Idempotency-Key. 402 card_declined or insufficient_funds when declined;"
                    + " 409 invoice_not_payable when already paid or void.",
            parameters = @Parameter(name = "Idempotency-Key", in = ParameterIn.HEADER, required = true))
    @ProblemResponse(
            status = 400,
            codes = "payment_method_required",
            description = "no payment method named and no default card")
    @ProblemResponse(
            status = 402,
            codes = {"card_declined", "insufficient_funds"})
    @ProblemResponse(status = 409, codes = "invoice_not_payable", description = "the invoice is paid or void")
    InvoiceResponse pay(
            @AuthenticationPrincipal AuthenticatedUser caller,
            @PathVariable UUID id,
            @Valid @RequestBody(required = false) @Nullable PayRequest request) {
        var method = request == null ? null : request.paymentMethodId();
        return InvoiceResponse.of(invoices.pay(caller.id(), id, method));
    }
}
