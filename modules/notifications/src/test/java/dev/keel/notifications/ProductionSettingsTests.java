package dev.keel.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.keel.notifications.email.DevMailbox;
import jakarta.mail.internet.MimeMultipart;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The settings production runs with: mail really sent over SMTP (to GreenMail, in this JVM), links to the
 * public base URL, webhook targets checked for SSRF and secrets encrypted at rest.
 */
@SpringBootTest(
        properties = {
            "keel.notifications.email.capture=false",
            "keel.notifications.webhooks.allow-insecure-targets=false",
            "keel.notifications.webhooks.secret-key=a-production-key-of-at-least-32-characters",
            "keel.notifications.public-base-url=https://app.example.com"
        })
// Closed afterwards: its delivery worker, refusing local targets, would otherwise claim other tests' deliveries.
@DirtiesContext
class ProductionSettingsTests extends ApplicationTest {

    @RegisterExtension
    static final GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication())
            .withPerMethodLifecycle(false);

    @DynamicPropertySource
    static void mailServer(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> smtp.getSmtp().getPort());
    }

    @Autowired
    ApplicationContext context;

    @Test
    void sendsReadableTextAndHtmlMailOverSmtpWithLinksToThePublicSite() throws Exception {
        var session = api.newSession();

        var message = await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> java.util.Arrays.stream(smtp.getReceivedMessages())
                                .filter(received -> sentTo(received, session.email()))
                                .findFirst(),
                        java.util.Optional::isPresent)
                .orElseThrow();

        assertThat(message.getSubject()).isEqualTo("Welcome to Keel");
        assertThat(GreenMailUtil.getAddressList(message.getFrom())).isEqualTo("Keel <no-reply@keel.local>");
        var body = GreenMailUtil.getBody(message);
        assertThat(message.getContent()).isInstanceOf(MimeMultipart.class);
        assertThat(body).contains("text/plain").contains("text/html").contains("https://app.example.com/");
        assertThat(context.getBeansOfType(DevMailbox.class)).isEmpty();
    }

    @Test
    void refusesPrivateAndPlainHttpWebhookTargetsAndEncryptsSecrets() {
        var session = api.newSession();

        for (var url : new String[] {
            "http://93.184.215.14/hook", "https://127.0.0.1/hook", "https://169.254.169.254/latest", "https://10.0.0.8/"
        }) {
            assertThat(api.post("/api/v1/webhook-endpoints", """
                            {"url": "%s", "events": ["*"]}
                            """.formatted(url), session))
                    .as(url)
                    .hasStatus(HttpStatus.BAD_REQUEST)
                    .bodyJson()
                    .extractingPath("$.code")
                    .isEqualTo("invalid_webhook_url");
        }

        var created = api.createEndpoint(session, "https://93.184.215.14/hook", "*");
        assertThat(jdbc.sql("select secret from webhook_endpoints where id = ?::uuid")
                        .param(created[0])
                        .query(String.class)
                        .single())
                .startsWith("v1:")
                .doesNotContain(created[1].substring("whsec_".length()));
    }

    private static boolean sentTo(jakarta.mail.internet.MimeMessage message, String email) {
        try {
            return GreenMailUtil.getAddressList(message.getAllRecipients()).contains(email);
        } catch (jakarta.mail.MessagingException e) {
            return false;
        }
    }
}
