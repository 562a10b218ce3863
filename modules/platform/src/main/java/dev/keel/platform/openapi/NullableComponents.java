package dev.keel.platform.openapi;

import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.core.converter.ModelConverterContext;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.media.Schema;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Documents the record components that the code marks {@code @Nullable} as {@code null}-able in the
 * schema, since they are sent as {@code null} (a last page's {@code nextCursor}, an unpaid invoice's
 * {@code paidAt}). JSpecify's annotation is a type annotation, which swagger does not read.
 */
final class NullableComponents implements ModelConverter {

    @Override
    public @Nullable Schema<?> resolve(
            AnnotatedType type, ModelConverterContext context, Iterator<ModelConverter> chain) {
        Schema<?> schema = chain.hasNext() ? chain.next().resolve(type, context, chain) : null;
        if (schema == null || type.getType() == null) {
            return schema;
        }
        var raw = Json.mapper().constructType(type.getType()).getRawClass();
        if (!raw.isRecord()) {
            return schema;
        }
        var model = schema;
        if (schema.get$ref() != null) {
            model = context.getDefinedModels()
                    .get(schema.get$ref().substring(schema.get$ref().lastIndexOf('/') + 1));
        }
        if (model == null || model.getProperties() == null) {
            return schema;
        }
        for (RecordComponent component : raw.getRecordComponents()) {
            var property = model.getProperties().get(component.getName());
            if (property != null && component.getAnnotatedType().isAnnotationPresent(Nullable.class)) {
                model.getProperties().put(component.getName(), nullable(property));
            }
        }
        return schema;
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    static Schema<?> nullable(Schema property) {
        if (property.get$ref() != null) {
            // A reference cannot carry a type of its own: either the referenced schema or null.
            var none = new Schema<>();
            none.setTypes(Set.of("null"));
            return new Schema<>().anyOf(List.of(new Schema<>().$ref(property.get$ref()), none));
        }
        var types = new LinkedHashSet<String>();
        if (property.getTypes() != null) {
            types.addAll(property.getTypes());
        } else if (property.getType() != null) {
            types.add(property.getType());
        }
        types.add("null");
        property.setTypes(types);
        if (property.getEnum() != null && !property.getEnum().contains(null)) {
            var values = new ArrayList<Object>(property.getEnum());
            values.add(null);
            property.setEnum(values);
        }
        return property;
    }
}
