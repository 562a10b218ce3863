package dev.keel.billing.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.test.TestTokens;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

@ApplicationModuleTest
@AutoConfigureMockMvc
class BenchmarkInvoicesTests {

    @Autowired
    BenchmarkInvoices seed;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MockMvcTester mvc;

    @Autowired
    JwtEncoder jwtEncoder;

    @Test
    void seedsThirtyPaidInvoicesOfTwoLinesPerUserOnce() {
        var users = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        var progress = new AtomicInteger();

        seed.ensure(users, 30, progress::set);
        seed.ensure(users, 30, progress::set);

        assertThat(progress).hasValue(3);
        assertThat(count("select count(*) from invoices where user_id = any(?)", users))
                .isEqualTo(90);
        assertThat(count("select count(*) from subscriptions where user_id = any(?) and status = 'ACTIVE'", users))
                .isEqualTo(3);
        assertThat(count("""
                        select count(*) from invoices i
                        where i.user_id = any(?)
                          and i.total = (select sum(l.amount) from invoice_lines l where l.invoice_id = i.id)
                          and i.amount_paid = i.total
                          and (select count(*) from invoice_lines l where l.invoice_id = i.id) = 2
                        """, users)).isEqualTo(90);
        var token = TestTokens.bearer(jwtEncoder, users.getFirst(), List.of("USER"));
        assertThat(mvc.get().uri("/api/v1/invoices?limit=20").header("Authorization", token))
                .bodyJson()
                .extractingPath("$.items")
                .asArray()
                .hasSize(20);
    }

    private int count(String sql, List<UUID> users) {
        return jdbc.sql(sql)
                .param(users.toArray(UUID[]::new))
                .query(Integer.class)
                .single();
    }
}
