package dev.keel.users.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

@ApplicationModuleTest
@AutoConfigureMockMvc
class BenchmarkAccountsTests {

    @Autowired
    BenchmarkAccounts accounts;

    @Autowired
    MockMvcTester mvc;

    @Test
    void createsTheNumberedAccountsOnceWithTheKnownPassword() {
        var first = accounts.ensure(3, done -> {});
        var again = accounts.ensure(4, done -> {});

        assertThat(new HashSet<>(first)).hasSize(3);
        assertThat(again).hasSize(4).startsWith(first.toArray(java.util.UUID[]::new));
        assertThat(mvc.post()
                        .uri("/api/v1/auth/token")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"email\":\"" + BenchmarkAccounts.email(2) + "\",\"password\":\""
                                + BenchmarkAccounts.PASSWORD + "\"}"))
                .hasStatusOk()
                .bodyJson()
                .extractingPath("$.accessToken")
                .isNotNull();
    }
}
