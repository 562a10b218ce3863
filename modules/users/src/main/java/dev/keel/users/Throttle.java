package dev.keel.users;

import dev.keel.platform.time.ClusterLock;
import dev.keel.platform.web.ClientAddresses;
import dev.keel.platform.web.RateLimit;
import dev.keel.platform.web.RateLimiter;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;
import java.util.Locale;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Brute-force and abuse limits of the account endpoints: sign-in and password reset per client (an IPv4
 * address or an IPv6 /64) and per account, registrations per client, verification mails and the password
 * checks of signed-in callers per account. Token buckets kept in PostgreSQL by Bucket4j, so that every
 * replica counts against the same limit.
 */
@Component
class Throttle {

    private final PostgreSQLSelectForUpdateBasedProxyManager<String> buckets;
    private final BucketConfiguration perAccount;
    private final BucketConfiguration perIp;
    private final RateLimiter limiter;
    private final UsersProperties.AccountLimits accountLimits;

    private final ClusterLock lock;

    Throttle(DataSource dataSource, UsersProperties properties, RateLimiter limiter, ClusterLock lock) {
        this.lock = lock;
        var limits = properties.loginLimits();
        this.buckets = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table("login_throttle_buckets")
                .expirationAfterWrite(
                        ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(limits.window()))
                .build();
        this.perAccount = RateLimiter.limit(limits.perAccount(), limits.window());
        this.perIp = RateLimiter.limit(limits.perIp(), limits.window());
        this.limiter = limiter;
        this.accountLimits = properties.accountLimits();
    }

    /** What is being limited; each action counts in buckets of its own. */
    enum Action {
        SIGN_IN,
        PASSWORD_RESET
    }

    /** Counts one registration against the client's limit. */
    RateLimit registration(String clientAddress) {
        return limiter.attempt(
                "registration:ip:" + ClientAddresses.key(clientAddress),
                accountLimits.registrationsPerIp(),
                accountLimits.window());
    }

    /** Counts one verification mail asked for by the account. */
    RateLimit verificationEmail(UUID account) {
        return limiter.attempt(
                "email_verification:account:" + account,
                accountLimits.verificationEmailsPerAccount(),
                accountLimits.window());
    }

    /**
     * Counts one check of a signed-in caller's password. A password that proves right gives the attempt
     * back ({@link #passwordConfirmed}): only wrong ones count.
     */
    RateLimit passwordCheck(UUID account) {
        return limiter.attempt(
                passwordCheckKey(account), accountLimits.passwordChecksPerAccount(), accountLimits.window());
    }

    RateLimit passwordConfirmed(UUID account, RateLimit admitted) {
        return limiter.giveBack(
                passwordCheckKey(account), accountLimits.passwordChecksPerAccount(), accountLimits.window(), admitted);
    }

    private static String passwordCheckKey(UUID account) {
        return "password_check:account:" + account;
    }

    /**
     * Counts one sign-in attempt: against the client's limit first, and only if that admits it against the
     * account's, so that a client over its own limit cannot use up anyone's account budget. A sign-in that
     * then succeeds gives its account token back ({@link #succeeded}): only failed attempts count against
     * an account.
     */
    RateLimit attempt(String email, String clientAddress) {
        return attempt(Action.SIGN_IN, email, clientAddress);
    }

    /** Counts one attempt of an action, client first, then account; the tighter of the two decides. */
    RateLimit attempt(Action action, String email, String clientAddress) {
        var ip = buckets.builder()
                .build(prefix(action) + "ip:" + ClientAddresses.key(clientAddress), () -> perIp)
                .tryConsumeAndReturnRemaining(1);
        if (!ip.isConsumed()) {
            return decision(false, ip, perIp, ip.getNanosToWaitForRefill());
        }
        var account = accountBucket(action, email).tryConsumeAndReturnRemaining(1);
        boolean accountDecides = !account.isConsumed() || account.getRemainingTokens() <= ip.getRemainingTokens();
        return decision(
                account.isConsumed(),
                accountDecides ? account : ip,
                accountDecides ? perAccount : perIp,
                Math.max(account.getNanosToWaitForRefill(), ip.getNanosToWaitForRefill()));
    }

    /** A sign-in that {@link #attempt} admitted succeeded: its account token is given back. */
    RateLimit succeeded(String email, RateLimit admitted) {
        accountBucket(Action.SIGN_IN, email).addTokens(1);
        return admitted.withRemaining(Math.min(admitted.limit(), admitted.remaining() + 1));
    }

    private BucketProxy accountBucket(Action action, String email) {
        return buckets.builder()
                .build(
                        prefix(action) + "account:" + SecretTokens.hash(email.toLowerCase(Locale.ROOT)),
                        () -> perAccount);
    }

    private static String prefix(Action action) {
        return action == Action.SIGN_IN ? "" : action.name().toLowerCase(Locale.ROOT) + ":";
    }

    private static RateLimit decision(
            boolean allowed, ConsumptionProbe tighter, BucketConfiguration limit, long nanosToRetry) {
        return RateLimit.of(
                allowed,
                limit.getBandwidths()[0].getCapacity(),
                tighter.getRemainingTokens(),
                tighter.getNanosToWaitForReset(),
                nanosToRetry);
    }

    @Scheduled(fixedDelayString = "PT10M", initialDelayString = "PT1M")
    void removeExpiredBuckets() {
        RateLimiter.removeExpired(lock, "login-throttle-buckets", buckets);
    }
}
