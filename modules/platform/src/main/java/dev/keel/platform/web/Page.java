package dev.keel.platform.web;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.modulith.NamedInterface;

/** One page of a list endpoint; {@code nextCursor} is null on the last page. */
@NamedInterface("web")
public record Page<T>(List<T> items, @Nullable String nextCursor) {}
