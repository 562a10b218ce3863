package dev.keel.billing.invoice;

import dev.keel.billing.Money;
import dev.keel.billing.invoice.InvoiceController.InvoiceResponse;
import dev.keel.billing.invoice.InvoiceController.LineResponse;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The invoice list as clients read it: two indexed queries (a page of invoices, then all their lines)
 * mapped straight to the response, without loading entities. It is the hottest read of billing, and
 * invoices never change their lines once issued.
 */
@Component
class InvoiceReads {

    private final JdbcClient jdbc;

    InvoiceReads(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Newest first, after the cursor id, optionally of one status; {@code limit + 1} rows at most. */
    List<InvoiceResponse> page(UUID userId, @Nullable InvoiceStatus status, @Nullable UUID after, int limit) {
        var sql = new StringBuilder("""
                select id, number, status, currency, subtotal, total, amount_paid, balance_applied, issued_at, due_at, paid_at,
                       attempt_count, next_payment_attempt_at, subscription_id
                from invoices where user_id = :user
                """);
        var params = new HashMap<String, Object>();
        params.put("user", userId);
        if (status != null) {
            sql.append(" and status = :status");
            params.put("status", status.name());
        }
        if (after != null) {
            sql.append(" and id < :after");
            params.put("after", after);
        }
        sql.append(" order by id desc limit :limit");
        params.put("limit", limit + 1);
        var rows =
                jdbc.sql(sql.toString()).params(params).query(InvoiceReads::row).list();
        if (rows.isEmpty()) {
            return List.of();
        }
        var lines = linesOf(rows);
        return rows.stream()
                .map(row -> row.response(lines.getOrDefault(row.id(), List.of())))
                .toList();
    }

    private Map<UUID, List<LineResponse>> linesOf(List<Row> rows) {
        var currencies = new HashMap<UUID, String>();
        rows.forEach(row -> currencies.put(row.id(), row.currency()));
        var lines = new HashMap<UUID, List<LineResponse>>();
        jdbc.sql("""
                        select invoice_id, description, quantity, unit_amount, amount, period_start, period_end, proration
                        from invoice_lines where invoice_id = any(:ids) order by invoice_id, position
                        """).param("ids", currencies.keySet().toArray(UUID[]::new)).query(result -> {
            var invoice = result.getObject("invoice_id", UUID.class);
            var currency = currencies.get(invoice);
            if (currency == null) {
                return;
            }
            lines.computeIfAbsent(invoice, id -> new ArrayList<>())
                    .add(new LineResponse(
                            result.getString("description"),
                            result.getInt("quantity"),
                            Money.of(result.getLong("unit_amount"), currency),
                            Money.of(result.getLong("amount"), currency),
                            instant(result, "period_start"),
                            instant(result, "period_end"),
                            result.getBoolean("proration")));
        });
        return lines;
    }

    private record Row(
            UUID id,
            String number,
            String status,
            String currency,
            long subtotal,
            long total,
            long amountPaid,
            long balanceApplied,
            Instant issuedAt,
            Instant dueAt,
            @Nullable Instant paidAt,
            int attemptCount,
            @Nullable Instant nextPaymentAttemptAt,
            @Nullable UUID subscriptionId) {

        InvoiceResponse response(List<LineResponse> lines) {
            return new InvoiceResponse(
                    id,
                    number,
                    status,
                    currency,
                    lines,
                    Money.of(subtotal, currency),
                    Money.of(total, currency),
                    Money.of(amountPaid, currency),
                    Money.of(balanceApplied, currency),
                    Money.of(total - balanceApplied - amountPaid, currency),
                    issuedAt,
                    dueAt,
                    paidAt,
                    attemptCount,
                    nextPaymentAttemptAt,
                    subscriptionId);
        }
    }

    private static Row row(ResultSet result, int index) throws SQLException {
        return new Row(
                result.getObject("id", UUID.class),
                result.getString("number"),
                result.getString("status"),
                result.getString("currency"),
                result.getLong("subtotal"),
                result.getLong("total"),
                result.getLong("amount_paid"),
                result.getLong("balance_applied"),
                instant(result, "issued_at"),
                instant(result, "due_at"),
                nullableInstant(result, "paid_at"),
                result.getInt("attempt_count"),
                nullableInstant(result, "next_payment_attempt_at"),
                result.getObject("subscription_id", UUID.class));
    }

    private static Instant instant(ResultSet result, String column) throws SQLException {
        var value = nullableInstant(result, column);
        if (value == null) {
            throw new SQLException(column + " is null");
        }
        return value;
    }

    private static @Nullable Instant nullableInstant(ResultSet result, String column) throws SQLException {
        var value = result.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
