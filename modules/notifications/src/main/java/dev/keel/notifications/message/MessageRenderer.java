package dev.keel.notifications.message;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import dev.keel.notifications.NotificationsProperties;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * Turns a message into what people read: a localised subject and summary (from {@code messages*.properties})
 * and a plain-text and an HTML body (Mustache templates per message type, HTML-escaped in the HTML one).
 */
@Component
public class MessageRenderer {

    /** What one message says, in every form a channel needs. */
    public record Rendered(String subject, String summary, String text, String html) {}

    private static final String TEMPLATES = "dev/keel/notifications/templates/";

    private final ResourceBundleMessageSource texts = new ResourceBundleMessageSource();
    private final Mustache.Compiler plain;
    private final Mustache.Compiler html;
    private final Map<String, Template> compiled = new ConcurrentHashMap<>();
    private final NotificationsProperties properties;
    private final TemplateModels models;

    MessageRenderer(NotificationsProperties properties) {
        this.properties = properties;
        this.models = new TemplateModels(properties);
        texts.setBasename("dev/keel/notifications/messages");
        texts.setDefaultEncoding(StandardCharsets.UTF_8.name());
        texts.setFallbackToSystemLocale(false);
        Mustache.TemplateLoader partials = name -> reader(TEMPLATES + name + ".mustache");
        this.plain = Mustache.compiler()
                .escapeHTML(false)
                .emptyStringIsFalse(true)
                .strictSections(true)
                .withLoader(partials);
        this.html = Mustache.compiler()
                .escapeHTML(true)
                .emptyStringIsFalse(true)
                .strictSections(true)
                .withLoader(partials);
    }

    public Rendered render(MessageModel message) {
        return render(message.type(), models.of(message));
    }

    Rendered render(MessageType type, Map<String, String> model) {
        return render(type, model, properties.locale());
    }

    Rendered render(MessageType type, Map<String, String> model, Locale locale) {
        var context = new HashMap<String, Object>(model);
        context.put("baseUrl", properties.publicBaseUrl().toString());
        var subject = text(type.key() + ".subject", locale).execute(context);
        var summary = text(type.key() + ".summary", locale).execute(context);
        context.put("subject", subject);
        context.put("summary", summary);
        return new Rendered(
                subject,
                summary,
                template(plain, type.key() + ".txt").execute(context),
                template(html, type.key() + ".html").execute(context));
    }

    private Template text(String code, Locale locale) {
        return compiled.computeIfAbsent(
                code + "@" + locale.toLanguageTag(), key -> plain.compile(texts.getMessage(code, null, locale)));
    }

    private Template template(Mustache.Compiler compiler, String name) {
        return compiled.computeIfAbsent(name, key -> {
            try (var reader = reader(TEMPLATES + key + ".mustache")) {
                return compiler.compile(reader);
            } catch (IOException e) {
                throw new UncheckedIOException("Template " + key + " cannot be read", e);
            }
        });
    }

    private static Reader reader(String path) throws IOException {
        return new InputStreamReader(new ClassPathResource(path).getInputStream(), StandardCharsets.UTF_8);
    }
}
