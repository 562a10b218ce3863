package dev.keel.billing.invoice;

import dev.keel.billing.Money;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Currency;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.openpdf.text.Document;
import org.openpdf.text.Element;
import org.openpdf.text.Font;
import org.openpdf.text.PageSize;
import org.openpdf.text.Paragraph;
import org.openpdf.text.Phrase;
import org.openpdf.text.Rectangle;
import org.openpdf.text.pdf.PdfPCell;
import org.openpdf.text.pdf.PdfPTable;
import org.openpdf.text.pdf.PdfWriter;
import org.springframework.stereotype.Component;

/** Renders an invoice as an A4 PDF document (OpenPDF). */
@Component
class InvoicePdf {

    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private static final Font TITLE = new Font(Font.HELVETICA, 20, Font.BOLD);
    private static final Font BOLD = new Font(Font.HELVETICA, 10, Font.BOLD);
    private static final Font TEXT = new Font(Font.HELVETICA, 10, Font.NORMAL);
    private static final Font SMALL = new Font(Font.HELVETICA, 8, Font.NORMAL);

    byte[] render(Invoice invoice) {
        var out = new ByteArrayOutputStream();
        var document = new Document(PageSize.A4, 50, 50, 60, 60);
        PdfWriter.getInstance(document, out);
        document.addTitle("Invoice " + invoice.number());
        document.addCreator("Keel");
        document.open();
        document.add(new Paragraph("Invoice " + invoice.number(), TITLE));
        document.add(new Paragraph(" ", TEXT));
        document.add(facts(invoice));
        document.add(new Paragraph(" ", TEXT));
        document.add(lines(invoice));
        document.add(new Paragraph(" ", TEXT));
        document.add(totals(invoice));
        document.add(new Paragraph(" ", TEXT));
        document.add(new Paragraph("Amounts in " + invoice.currency() + ". Invoice id " + invoice.id() + ".", SMALL));
        document.close();
        return out.toByteArray();
    }

    private static PdfPTable facts(Invoice invoice) {
        var table = new PdfPTable(new float[] {1, 2});
        table.setWidthPercentage(60);
        table.setHorizontalAlignment(Element.ALIGN_LEFT);
        fact(table, "Status", invoice.status().name());
        fact(table, "Issued", date(invoice.issuedAt()));
        fact(table, "Due", date(invoice.dueAt()));
        fact(table, "Paid", date(invoice.paidAt()));
        fact(table, "Period", date(invoice.periodStart()) + " – " + date(invoice.periodEnd()));
        return table;
    }

    private static void fact(PdfPTable table, String label, String value) {
        table.addCell(cell(label, BOLD, Element.ALIGN_LEFT));
        table.addCell(cell(value, TEXT, Element.ALIGN_LEFT));
    }

    private static PdfPTable lines(Invoice invoice) {
        var table = new PdfPTable(new float[] {5, 1, 2, 2});
        table.setWidthPercentage(100);
        table.setHeaderRows(1);
        for (var heading : new String[] {"Description", "Qty", "Unit price", "Amount"}) {
            var cell = cell(heading, BOLD, heading.equals("Description") ? Element.ALIGN_LEFT : Element.ALIGN_RIGHT);
            cell.setBorder(Rectangle.BOTTOM);
            table.addCell(cell);
        }
        for (var line : invoice.lines()) {
            var description = line.description() + "\n" + date(line.periodStart()) + " – " + date(line.periodEnd());
            table.addCell(cell(description, TEXT, Element.ALIGN_LEFT));
            table.addCell(cell(Integer.toString(line.quantity()), TEXT, Element.ALIGN_RIGHT));
            table.addCell(cell(amount(line.unitAmount(), invoice.currency()), TEXT, Element.ALIGN_RIGHT));
            table.addCell(cell(amount(line.amount(), invoice.currency()), TEXT, Element.ALIGN_RIGHT));
        }
        return table;
    }

    private static PdfPTable totals(Invoice invoice) {
        var table = new PdfPTable(new float[] {2, 1});
        table.setWidthPercentage(45);
        table.setHorizontalAlignment(Element.ALIGN_RIGHT);
        total(table, "Subtotal", invoice.subtotal(), TEXT);
        total(table, "Total", invoice.total(), BOLD);
        if (invoice.balanceApplied().amount() > 0) {
            total(table, "Paid from credit balance", invoice.balanceApplied(), TEXT);
        }
        total(table, "Amount paid", invoice.amountPaid(), TEXT);
        total(table, "Amount due", invoice.amountDue(), BOLD);
        return table;
    }

    private static void total(PdfPTable table, String label, Money amount, Font font) {
        table.addCell(cell(label, font, Element.ALIGN_LEFT));
        table.addCell(cell(amount(amount.amount(), amount.currency()), font, Element.ALIGN_RIGHT));
    }

    private static PdfPCell cell(String text, Font font, int alignment) {
        var cell = new PdfPCell(new Phrase(text, font));
        cell.setBorder(Rectangle.NO_BORDER);
        cell.setHorizontalAlignment(alignment);
        cell.setPaddingBottom(4);
        return cell;
    }

    /** Exact decimal rendering of minor units, e.g. 1999 EUR as "19.99 EUR". */
    static String amount(long minorUnits, String currency) {
        var digits = Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
        return BigDecimal.valueOf(minorUnits, digits).toPlainString() + " " + currency;
    }

    private static String date(@Nullable Instant instant) {
        return instant == null ? "–" : DATE.format(instant);
    }
}
