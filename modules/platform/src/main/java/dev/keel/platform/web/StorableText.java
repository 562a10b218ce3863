package dev.keel.platform.web;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.jdk.StringDeserializer;

/**
 * Every text value of a request body, refused while the JSON is read when the rest of the application could not
 * keep it: JSON lets {@code "\ud800"} through as an unpaired UTF-16 surrogate, which is no character, cannot be
 * encoded as UTF-8 and makes the password hasher throw; PostgreSQL text cannot hold a NUL character. Other control
 * characters (C0 but tab, line feed and carriage return; DEL; C1) are no text anybody types: kept, they would reach
 * emails, logs, terminals and receivers' parsers as escape sequences, backspaces or line breaks of other systems.
 * Refusing them here gives one 400 that names the field, for every field, before any service sees the value.
 */
class StorableText extends StringDeserializer {

    @Override
    public @Nullable String deserialize(JsonParser parser, DeserializationContext context) {
        var value = super.deserialize(parser, context);
        if (value != null) {
            var flaw = flaw(value);
            if (flaw != null) {
                throw new UnstorableText(parser, flaw);
            }
        }
        return value;
    }

    /** What makes {@code text} unstorable, or null when it is fine. */
    static @Nullable String flaw(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\u0000') {
                return "contains a NUL character";
            }
            if (Character.getType(c) == Character.CONTROL && c != '\t' && c != '\n' && c != '\r') {
                return "contains a control character (U+%04X)".formatted((int) c);
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "contains an unpaired UTF-16 surrogate, which is not a character";
            }
        }
        return null;
    }
}
