package dev.keel.users;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.modulith.test.ApplicationModuleTest;

@ApplicationModuleTest
class LoginThrottleTests {

    @Autowired
    DataSource dataSource;

    @Test
    void limitsAttemptsPerClientAddressAcrossAccounts() {
        var throttle = throttle(100, 3);
        var address = "203.0.113." + (int) (Math.random() * 200);

        for (int i = 0; i < 3; i++) {
            assertThat(throttle.attempt(UUID.randomUUID() + "@example.com", address)
                            .allowed())
                    .isTrue();
        }
        var refused = throttle.attempt(UUID.randomUUID() + "@example.com", address);

        assertThat(refused.allowed()).isFalse();
        assertThat(refused.limit()).isEqualTo(3);
        var headers = new HttpHeaders();
        refused.addHeaders(headers);
        assertThat(Long.parseLong(headers.getFirst(HttpHeaders.RETRY_AFTER))).isBetween(1L, 60L);
        assertThat(throttle.attempt("someone@example.com", "198.51.100.7").allowed())
                .isTrue();
    }

    @Test
    void sharesCountsBetweenInstancesLikeReplicasDo() {
        var email = UUID.randomUUID() + "@example.com";
        var replicaA = throttle(2, 100);
        var replicaB = throttle(2, 100);

        assertThat(replicaA.attempt(email, "192.0.2.1").allowed()).isTrue();
        assertThat(replicaB.attempt(email, "192.0.2.2").allowed()).isTrue();

        assertThat(replicaA.attempt(email, "192.0.2.3").allowed()).isFalse();
    }

    private LoginThrottle throttle(int perAccount, int perIp) {
        var properties = new UsersProperties(
                Duration.ofDays(30),
                Duration.ofDays(1),
                Duration.ofHours(1),
                Duration.ofSeconds(5),
                new UsersProperties.LoginLimits(perAccount, perIp, Duration.ofMinutes(1)));
        return new LoginThrottle(dataSource, properties);
    }
}
