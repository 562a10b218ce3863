package dev.keel.notifications.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keel.notifications.NotificationsProperties;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Signing, secret storage and the SSRF guard of the webhook channel, without Spring. */
class WebhookSecurityTests {

    final WebhookUrlPolicy production = new WebhookUrlPolicy(false);

    @Test
    void signsAsStandardWebhooksSays() {
        var secrets = secrets(null);
        var secret = secrets.generate();
        var body = "{\"id\":\"msg_1\",\"type\":\"invoice.paid\"}";

        var signature = WebhookSigner.sign(secret, "msg_1", 1_700_000_000L, body);

        assertThat(StandardWebhooksVerifier.verify(secret, "msg_1", "1700000000", body, signature))
                .isTrue();
        assertThat(StandardWebhooksVerifier.verify(secret, "msg_1", "1700000001", body, signature))
                .isFalse();
        assertThat(StandardWebhooksVerifier.verify(secrets.generate(), "msg_1", "1700000000", body, signature))
                .isFalse();
    }

    @Test
    void matchesTheSpecificationsExample() {
        // The example of the Standard Webhooks specification (github.com/standard-webhooks/standard-webhooks).
        var signature = WebhookSigner.sign(
                "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
                "msg_p5jXN8AQM9LWM0D4loKWxJek",
                1614265330L,
                "{\"test\": 2432232314}");

        assertThat(signature).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void generatesDistinctSecretsAndStoresThemEncryptedWithAKey() {
        var secrets = secrets("a-production-key-of-at-least-32-characters");
        var secret = secrets.generate();

        var stored = secrets.seal(secret);

        assertThat(secret).startsWith("whsec_").isNotEqualTo(secrets.generate());
        assertThat(WebhookSecrets.keyOf(secret)).hasSize(24);
        assertThat(stored).startsWith("v1:").doesNotContain(secret.substring(6));
        assertThat(secrets.seal(secret)).isNotEqualTo(stored);
        assertThat(secrets.open(stored)).isEqualTo(secret);
        assertThatThrownBy(() -> secrets(null).open(stored)).isInstanceOf(IllegalStateException.class);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://93.184.215.14/hook",
                "https://127.0.0.1/hook",
                "https://localhost/hook",
                "https://10.1.2.3/hook",
                "https://172.16.0.1/hook",
                "https://192.168.1.1/hook",
                "https://169.254.169.254/latest/meta-data",
                "https://100.64.0.1/hook",
                "https://0.0.0.0/hook",
                "https://[::1]/hook",
                "https://[fd00::1]/hook",
                "https://[fe80::1]/hook",
                "https://[::ffff:10.0.0.1]/hook",
                "https://[::10.0.0.1]/hook",
                "https://[64:ff9b::7f00:1]/hook",
                "https://[64:ff9b::a9fe:a9fe]/hook",
                "https://[64:ff9b:1::808:808]/hook",
                "https://[2002:c0a8:101::1]/hook",
                "https://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/hook",
                "https://user:pass@93.184.215.14/hook",
                "ftp://93.184.215.14/hook",
                "not a url"
            })
    void refusesInsecureTargetsInProduction(String url) {
        assertThatThrownBy(() -> production.check(url)).isInstanceOf(WebhookUrlPolicy.Refused.class);
    }

    @Test
    void acceptsPublicHttpsTargets() throws Exception {
        assertThat(production.check("https://93.184.215.14/hook")).hasHost("93.184.215.14");
        assertThat(production.check("https://[2606:2800:21f:cb07:6820:80da:af6b:8b2c]/hook"))
                .isNotNull();
        assertThat(WebhookUrlPolicy.isPublic(InetAddress.getByName("8.8.8.8"))).isTrue();
    }

    @Test
    void acceptsIpv6AddressesThatCarryAPublicIpv4Address() throws Exception {
        assertThat(production.check("https://[64:ff9b::808:808]/hook")).isNotNull();
        assertThat(production.check("https://[2002:808:808::1]/hook")).isNotNull();
    }

    /** A host that answers a public address to the check and a private one to the connection. */
    @Test
    void connectsOnlyToAddressesItChecked() throws Exception {
        var answers = new java.util.concurrent.atomic.AtomicInteger();
        var rebinding =
                new WebhookUrlPolicy(false, host -> new InetAddress[] {
                    InetAddress.getByName(answers.getAndIncrement() == 0 ? "93.184.215.14" : "127.0.0.1")
                });

        assertThat(rebinding.check("https://rebinding.example/hook")).hasHost("rebinding.example");
        assertThatThrownBy(() -> rebinding.dnsResolver().resolve("rebinding.example"))
                .isInstanceOf(WebhookUrlPolicy.RefusedAddress.class)
                .hasMessageContaining("private, loopback or link-local");
        assertThat(new WebhookUrlPolicy(false, host -> new InetAddress[] {InetAddress.getByName("93.184.215.14")})
                        .dnsResolver()
                        .resolve("public.example"))
                .extracting(InetAddress::getHostAddress)
                .containsExactly("93.184.215.14");
    }

    @Test
    void allowsLocalTargetsOnlyWhenConfigured() throws Exception {
        assertThat(new WebhookUrlPolicy(true).check("http://127.0.0.1:8080/hook"))
                .hasPort(8080);
    }

    private static WebhookSecrets secrets(String key) {
        return new WebhookSecrets(new NotificationsProperties(
                java.net.URI.create("http://localhost:8080"),
                java.util.Locale.ENGLISH,
                new NotificationsProperties.Email("Keel <no-reply@keel.local>", true),
                new NotificationsProperties.Delivery(
                        java.time.Duration.ofSeconds(1),
                        10,
                        1,
                        java.time.Duration.ofMinutes(1),
                        java.util.List.of(java.time.Duration.ofSeconds(1)),
                        0,
                        java.time.Duration.ofDays(30)),
                new NotificationsProperties.Webhooks(
                        false,
                        key,
                        java.time.Duration.ofSeconds(2),
                        java.time.Duration.ofSeconds(5),
                        java.time.Duration.ofDays(3),
                        30)));
    }
}
