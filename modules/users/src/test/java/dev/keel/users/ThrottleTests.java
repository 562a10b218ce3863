package dev.keel.users;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.platform.time.ClusterLock;
import dev.keel.platform.web.RateLimiter;
import java.time.Duration;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.modulith.test.ApplicationModuleTest;

@ApplicationModuleTest
class ThrottleTests {

    @Autowired
    DataSource dataSource;

    @Autowired
    RateLimiter limiter;

    @Autowired
    ClusterLock lock;

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

    @Test
    void aClientOverItsOwnLimitDoesNotUseUpTheAccountsBudget() {
        var victim = UUID.randomUUID() + "@example.com";
        var throttle = throttle(2, 1);

        assertThat(throttle.attempt(victim, "203.0.113.10").allowed()).isTrue();
        for (int i = 0; i < 10; i++) {
            assertThat(throttle.attempt(victim, "203.0.113.10").allowed()).isFalse();
        }

        assertThat(throttle.attempt(victim, "198.51.100.10").allowed()).isTrue();
    }

    @Test
    void countsOnlyFailedSignInsAgainstTheAccount() {
        var email = UUID.randomUUID() + "@example.com";
        var throttle = throttle(2, 100);

        for (int i = 0; i < 5; i++) {
            var admitted = throttle.attempt(email, "192.0.2.20");
            assertThat(admitted.allowed()).isTrue();
            assertThat(throttle.succeeded(email, admitted).remaining()).isEqualTo(2);
        }
        assertThat(throttle.attempt(email, "192.0.2.20").allowed()).isTrue();
        assertThat(throttle.attempt(email, "192.0.2.20").allowed()).isTrue();
        assertThat(throttle.attempt(email, "192.0.2.20").allowed()).isFalse();
    }

    @Test
    void countsAnIpv6ClientByItsSlash64() {
        var throttle = throttle(100, 2);
        var network = "2001:db8:" + Integer.toHexString((int) (Math.random() * 0xffff)) + ":7:";

        assertThat(throttle.attempt(UUID.randomUUID() + "@example.com", network + ":1")
                        .allowed())
                .isTrue();
        assertThat(throttle.attempt(UUID.randomUUID() + "@example.com", network + "ffff:1:2:3")
                        .allowed())
                .isTrue();

        assertThat(throttle.attempt(UUID.randomUUID() + "@example.com", network + "abcd::9")
                        .allowed())
                .isFalse();
    }

    @Test
    void limitsRegistrationsPerClient() {
        var throttle = throttle(100, 2);
        var address = "203.0.113." + (int) (Math.random() * 200);

        assertThat(throttle.registration(address).allowed()).isTrue();
        assertThat(throttle.registration(address).allowed()).isTrue();
        var refused = throttle.registration(address);

        assertThat(refused.allowed()).isFalse();
        assertThat(refused.limit()).isEqualTo(2);
        assertThat(refused.retryAfterSeconds()).isBetween(1L, 60L);
        assertThat(throttle.registration("198.51.100." + (int) (Math.random() * 200))
                        .allowed())
                .isTrue();
    }

    @Test
    void limitsVerificationMailsPerAccount() {
        var throttle = throttle(2, 100);
        var account = UUID.randomUUID();

        assertThat(throttle.verificationEmail(account).allowed()).isTrue();
        assertThat(throttle.verificationEmail(account).allowed()).isTrue();

        assertThat(throttle.verificationEmail(account).allowed()).isFalse();
        assertThat(throttle.verificationEmail(UUID.randomUUID()).allowed()).isTrue();
    }

    @Test
    void countsOnlyWrongPasswordsOfSignedInCallers() {
        var throttle = throttle(2, 100);
        var account = UUID.randomUUID();

        for (int i = 0; i < 5; i++) {
            var admitted = throttle.passwordCheck(account);
            assertThat(admitted.allowed()).isTrue();
            assertThat(throttle.passwordConfirmed(account, admitted).remaining())
                    .isEqualTo(2);
        }
        assertThat(throttle.passwordCheck(account).allowed()).isTrue();
        assertThat(throttle.passwordCheck(account).allowed()).isTrue();
        assertThat(throttle.passwordCheck(account).allowed()).isFalse();
    }

    private Throttle throttle(int perAccount, int perIp) {
        var properties = new UsersProperties(
                Duration.ofDays(30),
                Duration.ofDays(1),
                Duration.ofHours(1),
                Duration.ofSeconds(5),
                new UsersProperties.LoginLimits(perAccount, perIp, Duration.ofMinutes(1)),
                new UsersProperties.AccountLimits(perIp, perAccount, perAccount, Duration.ofMinutes(1)));
        return new Throttle(dataSource, properties, limiter, lock);
    }
}
