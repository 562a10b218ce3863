package dev.keel.billing.bench;

import dev.keel.billing.catalog.BillingInterval;
import dev.keel.billing.catalog.CatalogSeed;
import dev.keel.platform.persistence.Ids;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.IntConsumer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The benchmark data set's billing history: the starter plans, and for each user a default Visa test
 * card and an active Pro subscription with a paid invoice of two lines for each of its past months. Written with set-based
 * inserts; users who already have a subscription are left as they are, so it is safe to run again.
 */
@Service
public class BenchmarkInvoices {

    private static final int CHUNK = 500;
    private static final String PLAN = "pro-monthly";
    private static final long PLAN_PRICE = 1999;
    private static final long SEAT_PRICE = 500;

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final CatalogSeed catalog;
    private final Clock clock;

    BenchmarkInvoices(JdbcClient jdbc, TransactionTemplate transactions, CatalogSeed catalog, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.catalog = catalog;
        this.clock = clock;
    }

    /**
     * Gives every user without a subscription one, with {@code invoicesPerUser} paid monthly invoices.
     *
     * @param progress told how many users are done so far, after each chunk
     */
    public void ensure(List<UUID> userIds, int invoicesPerUser, IntConsumer progress) {
        catalog.ensureStarterPlans();
        var now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        var anchor = now.atZone(ZoneOffset.UTC).minusMonths(invoicesPerUser).toInstant();
        for (var from = 0; from < userIds.size(); from += CHUNK) {
            var chunk = userIds.subList(from, Math.min(userIds.size(), from + CHUNK));
            transactions.executeWithoutResult(status -> seed(chunk, invoicesPerUser, anchor));
            progress.accept(from + chunk.size());
        }
    }

    private void seed(List<UUID> users, int months, Instant anchor) {
        var fresh = jdbc.sql("""
                        select u.id from unnest(:users::uuid[]) as u(id)
                        where not exists (select 1 from subscriptions s where s.user_id = u.id)
                        """)
                .param("users", users.toArray(UUID[]::new))
                .query(UUID.class)
                .list();
        if (fresh.isEmpty()) {
            return;
        }
        var subscriptionIds = new ArrayList<UUID>();
        var subscriptionUsers = new ArrayList<UUID>();
        var invoiceIds = new ArrayList<UUID>();
        var invoiceUsers = new ArrayList<UUID>();
        var invoiceSubscriptions = new ArrayList<UUID>();
        var periodStarts = new ArrayList<Timestamp>();
        var periodEnds = new ArrayList<Timestamp>();
        var latest = new ArrayList<UUID>();
        for (var user : fresh) {
            var subscription = Ids.newId();
            subscriptionIds.add(subscription);
            subscriptionUsers.add(user);
            UUID last = subscription;
            for (var month = 0; month < months; month++) {
                last = Ids.newId();
                invoiceIds.add(last);
                invoiceUsers.add(user);
                invoiceSubscriptions.add(subscription);
                periodStarts.add(Timestamp.from(BillingInterval.MONTH.after(anchor, month)));
                periodEnds.add(Timestamp.from(BillingInterval.MONTH.after(anchor, month + 1L)));
            }
            latest.add(last);
        }
        var currentStart = Timestamp.from(BillingInterval.MONTH.after(anchor, months));
        var currentEnd = Timestamp.from(BillingInterval.MONTH.after(anchor, months + 1L));
        jdbc.sql("""
                        insert into subscriptions (id, user_id, plan_code, status, current_period_start, current_period_end,
                            billing_anchor, trial_warned, cancel_at_period_end, latest_invoice_id, next_action_at,
                            created_at, version)
                        select id, user_id, :plan, 'ACTIVE', :start, :end, :anchor, false, false, latest, :end, :anchor, 0
                        from unnest(:ids::uuid[], :users::uuid[], :latest::uuid[]) as s(id, user_id, latest)
                        """)
                .param("plan", PLAN)
                .param("start", currentStart)
                .param("end", currentEnd)
                .param("anchor", Timestamp.from(anchor))
                .param("ids", subscriptionIds.toArray(UUID[]::new))
                .param("users", subscriptionUsers.toArray(UUID[]::new))
                .param("latest", latest.toArray(UUID[]::new))
                .update();
        jdbc.sql("""
                        insert into payment_methods (id, user_id, gateway_reference, brand, last4, exp_month, exp_year,
                            is_default, created_at)
                        select gen_random_uuid(), user_id, 'sim_visa:' || user_id, 'visa', '4242', 12, 2034, true, :anchor
                        from unnest(:users::uuid[]) as u(user_id)
                        """)
                .param("anchor", Timestamp.from(anchor))
                .param("users", subscriptionUsers.toArray(UUID[]::new))
                .update();
        jdbc.sql("""
                        insert into invoices (id, number, user_id, subscription_id, billing_reason, status, currency,
                            subtotal, total, amount_paid, period_start, period_end, issued_at, due_at, paid_at,
                            attempt_count, created_at, version)
                        select id, 'KEEL-' || extract(year from period_start)::int || '-'
                                   || lpad(next_invoice_number(extract(year from period_start)::int)::text, 6, '0'),
                            user_id, subscription_id, 'SUBSCRIPTION_CYCLE', 'PAID', 'EUR', :total, :total, :total,
                            period_start, period_end, period_start, period_start, period_start, 1, period_start, 0
                        from unnest(:ids::uuid[], :users::uuid[], :subscriptions::uuid[],
                                    :starts::timestamptz[], :ends::timestamptz[])
                            as i(id, user_id, subscription_id, period_start, period_end)
                        """)
                .param("total", PLAN_PRICE + SEAT_PRICE)
                .param("ids", invoiceIds.toArray(UUID[]::new))
                .param("users", invoiceUsers.toArray(UUID[]::new))
                .param("subscriptions", invoiceSubscriptions.toArray(UUID[]::new))
                .param("starts", periodStarts.toArray(Timestamp[]::new))
                .param("ends", periodEnds.toArray(Timestamp[]::new))
                .update();
        jdbc.sql("""
                        insert into invoice_lines (invoice_id, position, description, quantity, unit_amount, amount,
                            period_start, period_end, proration)
                        select i.id, line.position, line.description, line.quantity, line.unit_amount,
                            line.quantity * line.unit_amount, i.period_start, i.period_end, false
                        from invoices i
                        cross join (values (0, 'Pro (monthly)', 1, :plan), (1, 'Additional seat', 1, :seat))
                            as line(position, description, quantity, unit_amount)
                        where i.id = any(:ids::uuid[])
                        """)
                .param("plan", PLAN_PRICE)
                .param("seat", SEAT_PRICE)
                .param("ids", invoiceIds.toArray(UUID[]::new))
                .update();
    }
}
