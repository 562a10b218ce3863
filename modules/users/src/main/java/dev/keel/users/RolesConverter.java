package dev.keel.users;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/** Stores a role set as a short comma-separated column ("ADMIN,USER"), in a fixed order. */
@Converter
class RolesConverter implements AttributeConverter<Set<Role>, String> {

    @Override
    public String convertToDatabaseColumn(Set<Role> roles) {
        return EnumSet.copyOf(roles).stream().map(Role::name).sorted().collect(Collectors.joining(","));
    }

    @Override
    public Set<Role> convertToEntityAttribute(String column) {
        return Set.copyOf(Arrays.stream(column.split(","))
                .map(String::trim)
                .map(Role::valueOf)
                .toList());
    }
}
