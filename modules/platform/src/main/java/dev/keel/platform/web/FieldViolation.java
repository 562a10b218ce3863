package dev.keel.platform.web;

import org.springframework.modulith.NamedInterface;

/** One rejected input field of a {@code validation_failed} problem. */
@NamedInterface("web")
public record FieldViolation(String field, String code, String message) {}
