package dev.keel.platform.web;

import dev.keel.platform.security.SecurityProperties;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;
import org.springframework.modulith.NamedInterface;
import org.springframework.stereotype.Component;

/**
 * Opaque, tamper-evident list cursors. A cursor is the id of the last item of a page (ids are
 * time-ordered) followed by a truncated HMAC, so a forged or altered cursor is refused with 400 instead
 * of reaching a query.
 */
@Component
@NamedInterface("web")
public class Cursors {

    private static final int ID_BYTES = 16;
    private static final int MAC_BYTES = 16;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final SecretKeySpec key;

    public Cursors(SecurityProperties properties) {
        // A key of its own, derived from the signing secret, so a cursor can never pass for anything else.
        this.key = new SecretKeySpec(
                hmac(
                        new SecretKeySpec(properties.jwtSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256"),
                        "keel-cursor-v1".getBytes(StandardCharsets.UTF_8)),
                "HmacSHA256");
    }

    /**
     * Cuts a page out of {@code rows}, which the caller fetched with {@code limit + 1} so that it can tell
     * whether a next page exists.
     */
    public <E, T> Page<T> page(List<E> rows, int limit, Function<E, UUID> idOf, Function<E, T> toItem) {
        var pageRows = rows.size() > limit ? rows.subList(0, limit) : rows;
        var next = rows.size() > limit ? encode(idOf.apply(pageRows.getLast())) : null;
        return new Page<>(pageRows.stream().map(toItem).toList(), next);
    }

    public String encode(UUID lastId) {
        var id = ByteBuffer.allocate(ID_BYTES)
                .putLong(lastId.getMostSignificantBits())
                .putLong(lastId.getLeastSignificantBits())
                .array();
        var token = ByteBuffer.allocate(ID_BYTES + MAC_BYTES)
                .put(id)
                .put(hmac(key, id), 0, MAC_BYTES)
                .array();
        return ENCODER.encodeToString(token);
    }

    /** The id a cursor names, or null for the first page; a forged or garbled cursor is a 400. */
    public @Nullable UUID decode(@Nullable String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        byte[] token;
        try {
            token = DECODER.decode(cursor);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        if (token.length != ID_BYTES + MAC_BYTES) {
            throw invalid();
        }
        var id = Arrays.copyOfRange(token, 0, ID_BYTES);
        var expected = Arrays.copyOf(hmac(key, id), MAC_BYTES);
        if (!MessageDigest.isEqual(expected, Arrays.copyOfRange(token, ID_BYTES, token.length))) {
            throw invalid();
        }
        var buffer = ByteBuffer.wrap(id);
        return new UUID(buffer.getLong(), buffer.getLong());
    }

    private static InvalidInput invalid() {
        return new InvalidInput(new FieldViolation("cursor", "invalid_cursor", "The cursor is not valid."));
    }

    private static byte[] hmac(SecretKeySpec key, byte[] data) {
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
