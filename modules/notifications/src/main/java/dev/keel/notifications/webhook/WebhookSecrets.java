package dev.keel.notifications.webhook;

import dev.keel.notifications.NotificationsProperties;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import org.springframework.security.crypto.codec.Hex;
import org.springframework.security.crypto.encrypt.Encryptors;
import org.springframework.security.crypto.encrypt.TextEncryptor;
import org.springframework.stereotype.Component;

/**
 * Signing secrets of webhook endpoints: {@code whsec_} and 24 random bytes in Base64, as Standard Webhooks
 * suggests. Keel must sign with them, so they are stored encrypted (AES-256-GCM, key derived from
 * {@code keel.notifications.webhooks.secret-key}), not hashed; without a configured key (development,
 * tests) they are stored as they are.
 */
@Component
class WebhookSecrets {

    static final String PREFIX = "whsec_";
    private static final int SECRET_BYTES = 24;
    private static final String ENCRYPTED = "v1:";
    private static final String PLAIN = "plain:";

    private final SecureRandom random = new SecureRandom();
    private final TextEncryptor encryptor;
    private final boolean encrypting;

    WebhookSecrets(NotificationsProperties properties) {
        var key = properties.webhooks().secretKey();
        this.encrypting = key != null;
        // The salt is fixed per key so that every replica derives the same AES key; each value gets a random IV.
        this.encryptor = key == null
                ? Encryptors.noOpText()
                : Encryptors.delux(
                        key, new String(Hex.encode("keel-webhook-secrets".getBytes(StandardCharsets.UTF_8))));
    }

    String generate() {
        var bytes = new byte[SECRET_BYTES];
        random.nextBytes(bytes);
        return PREFIX + Base64.getEncoder().encodeToString(bytes);
    }

    String seal(String secret) {
        return encrypting ? ENCRYPTED + encryptor.encrypt(secret) : PLAIN + secret;
    }

    String open(String stored) {
        if (stored.startsWith(ENCRYPTED)) {
            if (!encrypting) {
                throw new IllegalStateException("A webhook secret is encrypted but no secret key is configured");
            }
            return encryptor.decrypt(stored.substring(ENCRYPTED.length()));
        }
        return stored.substring(PLAIN.length());
    }

    /** The key the secret stands for: the Base64 part after the prefix. */
    static byte[] keyOf(String secret) {
        return Base64.getDecoder().decode(secret.startsWith(PREFIX) ? secret.substring(PREFIX.length()) : secret);
    }
}
