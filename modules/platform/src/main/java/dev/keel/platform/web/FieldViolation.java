package dev.keel.platform.web;

/** One rejected input field of a {@code validation_failed} problem. */
public record FieldViolation(String field, String code, String message) {}
