package dev.keel.notifications.message;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.notifications.NotificationsProperties;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MessageRendererTests {

    final MessageRenderer renderer = new MessageRenderer(new NotificationsProperties(
            URI.create("https://app.example.com"),
            Locale.ENGLISH,
            new NotificationsProperties.Email("Keel <no-reply@keel.local>", true),
            new NotificationsProperties.Delivery(
                    Duration.ofSeconds(1),
                    10,
                    1,
                    Duration.ofMinutes(1),
                    List.of(Duration.ofSeconds(1)),
                    0,
                    Duration.ofDays(30)),
            new NotificationsProperties.Webhooks(
                    false, null, Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofDays(3), 30)));

    @Test
    void rendersEveryMessageTypeInTextAndHtml() {
        var model = Map.of(
                "name",
                "Ada",
                "link",
                "https://app.example.com/x",
                "expiresAt",
                "November 23, 2026",
                "number",
                "KEEL-1",
                "amount",
                "€19.99",
                "dueAt",
                "November 29, 2026",
                "paidAt",
                "November 22, 2026",
                "card",
                "visa ending in 4242",
                "reason",
                "card declined",
                "nextAttempt",
                "");
        var more = new java.util.HashMap<String, String>(model);
        more.putAll(Map.of(
                "plan",
                "Pro",
                "trialEnd",
                "November 25, 2026",
                "canceledAt",
                "November 22, 2026",
                "url",
                "https://hooks.example.com",
                "failingSince",
                "November 19, 2026"));

        for (var type : MessageType.values()) {
            var rendered = renderer.render(type, more);
            assertThat(rendered.subject()).as(type.key()).isNotBlank().doesNotContain("{{");
            assertThat(rendered.text()).as(type.key()).contains("Ada").contains("https://app.example.com");
            assertThat(rendered.html())
                    .as(type.key())
                    .startsWith("<!DOCTYPE html>")
                    .contains("Ada");
        }
        assertThat(renderer.render(MessageType.PAYMENT_FAILED, more).text())
                .contains("We will not try again automatically.");
    }

    @Test
    void escapesValuesInHtmlOnly() {
        var rendered =
                renderer.render(MessageType.WELCOME, Map.of("name", "<b>Ada</b>", "link", "https://app.example.com/"));

        assertThat(rendered.html()).contains("&lt;b&gt;Ada&lt;/b&gt;").doesNotContain("<b>Ada</b>");
        assertThat(rendered.text()).contains("Hello <b>Ada</b>,");
    }

    @Test
    void localisesSubjects() {
        var model = Map.of("name", "Ada", "link", "https://app.example.com/");

        assertThat(renderer.render(MessageType.WELCOME, model, Locale.GERMAN).subject())
                .isEqualTo("Willkommen bei Keel");
        assertThat(renderer.render(MessageType.WELCOME, model, Locale.ENGLISH).subject())
                .isEqualTo("Welcome to Keel");
    }
}
