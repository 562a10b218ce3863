package dev.keel.notifications.webhook;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A receiver's check of a Standard Webhooks signature, written from the specification independently of
 * Keel's signer: strip {@code whsec_}, Base64-decode the key, HMAC-SHA256 {@code id.timestamp.body}, and
 * compare in constant time with any {@code v1,} entry of the space-separated signature header.
 */
public final class StandardWebhooksVerifier {

    private StandardWebhooksVerifier() {}

    public static boolean verify(String secret, String id, String timestamp, String body, String signatureHeader) {
        try {
            var key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            var expected = mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            for (var entry : signatureHeader.split(" ")) {
                var parts = entry.split(",", 2);
                if (parts.length == 2
                        && parts[0].equals("v1")
                        && MessageDigest.isEqual(expected, Base64.getDecoder().decode(parts[1]))) {
                    return true;
                }
            }
            return false;
        } catch (Exception e) {
            return false;
        }
    }
}
