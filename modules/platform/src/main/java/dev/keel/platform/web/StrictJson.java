package dev.keel.platform.web;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.stereotype.Component;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.type.LogicalType;

/**
 * Request bodies must not carry fields the API does not define, so no client can slip in {@code roles},
 * {@code status} or {@code id}, nor text the application cannot keep ({@link StorableText}); the 400 names the
 * field.
 */
@Component
class StrictJson implements JsonMapperBuilderCustomizer {

    @Override
    public void customize(tools.jackson.databind.json.JsonMapper.Builder builder) {
        builder.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        // 19.99 for an amount in minor units is an error, not 19.
        builder.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        // A number or a boolean where the API expects text is a mistake the client should hear about.
        builder.withCoercionConfig(
                LogicalType.Textual,
                config -> config.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
        builder.addModule(new SimpleModule("storable-text").addDeserializer(String.class, new StorableText()));
    }
}
