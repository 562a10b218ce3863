package dev.keel.platform.idempotency;

import dev.keel.platform.security.SecurityProperties;
import dev.keel.platform.time.ClusterLock;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.crypto.encrypt.BytesEncryptor;
import org.springframework.security.crypto.encrypt.Encryptors;
import org.springframework.stereotype.Component;

/**
 * The idempotency keys in PostgreSQL. Claiming a key is one insert on the (caller, key) primary key, so
 * exactly one of any number of concurrent requests, on any number of replicas, gets to run. Stored
 * response bodies are encrypted (AES-GCM, a key derived from the signing secret): a response may carry a
 * secret shown once, such as a webhook signing secret, and a copy of it must not sit readable in the
 * database for the retention period.
 */
@Component
class IdempotencyStore {

    /**
     * What is stored for a key: the request it belongs to and, once done, the response.
     *
     * @param responseBody read-only, so that entries are values like their other components
     */
    record Entry(
            String requestHash,
            boolean completed,
            Instant createdAt,
            Instant lockedAt,
            int responseStatus,
            String responseHeaders,
            @Nullable ByteBuffer responseBody) {}

    /** The outcome of a claim: the caller runs the request, or another request's entry stands. */
    sealed interface Claim {
        record Claimed() implements Claim {}

        record Taken(Entry entry) implements Claim {}
    }

    /** Marks an encrypted body; bodies stored before encryption (JSON text) never start with it. */
    private static final byte ENCRYPTED = 0;
    /** Fixed, so that every replica derives the same key from the same secret. */
    private static final String SALT = HexFormat.of().formatHex("keel-idempotency".getBytes(StandardCharsets.UTF_8));

    private final JdbcClient jdbc;
    private final IdempotencyProperties properties;
    private final Clock clock;
    private final BytesEncryptor encryptor;
    private final ClusterLock lock;

    IdempotencyStore(
            JdbcClient jdbc,
            IdempotencyProperties properties,
            Clock clock,
            SecurityProperties security,
            ClusterLock lock) {
        this.jdbc = jdbc;
        this.lock = lock;
        this.properties = properties;
        this.clock = clock;
        this.encryptor = Encryptors.stronger(security.jwtSecret(), SALT);
    }

    Claim claim(String owner, String key, String requestHash) {
        var now = now();
        for (int attempt = 0; attempt < 3; attempt++) {
            if (insert(owner, key, requestHash, now)) {
                return new Claim.Claimed();
            }
            var existing = find(owner, key);
            if (existing.isEmpty()) {
                continue; // deleted meanwhile: try again
            }
            var entry = existing.get();
            if (entry.createdAt().isBefore(now.minus(properties.retention()))) {
                delete(owner, key, entry.createdAt());
                continue;
            }
            if (!entry.completed()
                    && entry.requestHash().equals(requestHash)
                    && entry.lockedAt().isBefore(now.minus(properties.abandonAfter()))
                    && takeOver(owner, key, entry.lockedAt(), now)) {
                return new Claim.Claimed();
            }
            return new Claim.Taken(entry);
        }
        throw new IllegalStateException("Idempotency key kept changing while it was claimed");
    }

    void complete(String owner, String key, int status, String headers, byte[] body, @Nullable UUID subject) {
        jdbc.sql("""
                        update idempotency_keys
                        set status = 'COMPLETED', response_status = :status, response_headers = :headers,
                            response_body = :body, subject = :subject
                        where owner = :owner and idempotency_key = :key
                        """)
                .param("status", status)
                .param("headers", headers)
                .param("body", seal(body))
                .param("subject", subject)
                .param("owner", owner)
                .param("key", key)
                .update();
    }

    /** Deletes the answers about the person and those to the person's own requests. */
    void forget(UUID person) {
        jdbc.sql("delete from idempotency_keys where subject = ? or owner = ?")
                .params(person, "user:" + person)
                .update();
    }

    /** Gives a key back when its request failed on the server side, so that a retry can run. */
    void release(String owner, String key) {
        jdbc.sql("delete from idempotency_keys where owner = ? and idempotency_key = ? and status = 'IN_PROGRESS'")
                .params(owner, key)
                .update();
    }

    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT10M")
    void deleteExpired() {
        lock.runIfFree(
                "idempotency-keys-cleanup",
                ClusterLock.MINIMUM_AT_MOST,
                () -> jdbc.sql("delete from idempotency_keys where created_at < ?")
                        .param(utc(now().minus(properties.retention())))
                        .update());
    }

    private boolean insert(String owner, String key, String requestHash, Instant now) {
        return jdbc.sql("""
                        insert into idempotency_keys (owner, idempotency_key, request_hash, status, created_at, locked_at)
                        values (?, ?, ?, 'IN_PROGRESS', ?, ?)
                        on conflict do nothing
                        """).params(owner, key, requestHash, utc(now), utc(now)).update() == 1;
    }

    private Optional<Entry> find(String owner, String key) {
        return jdbc.sql("""
                        select request_hash, status, created_at, locked_at, response_status, response_headers,
                               response_body
                        from idempotency_keys where owner = ? and idempotency_key = ?
                        """).params(owner, key).query(this::entry).optional();
    }

    private boolean takeOver(String owner, String key, Instant lockedAt, Instant now) {
        return jdbc.sql("""
                        update idempotency_keys set locked_at = ?
                        where owner = ? and idempotency_key = ? and status = 'IN_PROGRESS' and locked_at = ?
                        """).params(utc(now), owner, key, utc(lockedAt)).update() == 1;
    }

    private void delete(String owner, String key, Instant createdAt) {
        jdbc.sql("delete from idempotency_keys where owner = ? and idempotency_key = ? and created_at = ?")
                .params(owner, key, utc(createdAt))
                .update();
    }

    private byte[] seal(byte[] body) {
        if (body.length == 0) {
            return body;
        }
        var encrypted = encryptor.encrypt(body);
        var sealed = new byte[encrypted.length + 1];
        sealed[0] = ENCRYPTED;
        System.arraycopy(encrypted, 0, sealed, 1, encrypted.length);
        return sealed;
    }

    private byte @Nullable [] open(byte @Nullable [] stored) {
        if (stored == null || stored.length == 0 || stored[0] != ENCRYPTED) {
            return stored;
        }
        return encryptor.decrypt(Arrays.copyOfRange(stored, 1, stored.length));
    }

    private Entry entry(ResultSet row, int rowNumber) throws SQLException {
        var headers = row.getString("response_headers");
        var body = open(row.getBytes("response_body"));
        return new Entry(
                row.getString("request_hash"),
                "COMPLETED".equals(row.getString("status")),
                row.getObject("created_at", OffsetDateTime.class).toInstant(),
                row.getObject("locked_at", OffsetDateTime.class).toInstant(),
                row.getInt("response_status"),
                headers == null ? "" : headers,
                body == null ? null : ByteBuffer.wrap(body).asReadOnlyBuffer());
    }

    private Instant now() {
        return clock.instant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
