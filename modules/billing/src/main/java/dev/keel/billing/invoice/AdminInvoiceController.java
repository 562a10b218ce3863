package dev.keel.billing.invoice;

import dev.keel.billing.invoice.InvoiceController.InvoiceResponse;
import dev.keel.platform.web.ProblemResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.UUID;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/admin/invoices")
@Tag(name = "admin-invoices", description = "Settling invoices (admins)")
@ProblemResponse(status = 409, codes = "invoice_not_open", description = "only open invoices change state")
class AdminInvoiceController {

    private final Invoices invoices;

    AdminInvoiceController(Invoices invoices) {
        this.invoices = invoices;
    }

    @PostMapping("/{id}/void")
    @Operation(operationId = "voidInvoice", summary = "Void an open invoice")
    InvoiceResponse voidInvoice(@PathVariable UUID id) {
        return InvoiceResponse.of(invoices.voidInvoice(id));
    }

    @PostMapping("/{id}/mark-uncollectible")
    @Operation(operationId = "markInvoiceUncollectible", summary = "Give up collecting an open invoice")
    InvoiceResponse markUncollectible(@PathVariable UUID id) {
        return InvoiceResponse.of(invoices.markUncollectible(id));
    }
}
