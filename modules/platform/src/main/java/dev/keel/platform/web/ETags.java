package dev.keel.platform.web;

import org.jspecify.annotations.Nullable;
import org.springframework.modulith.NamedInterface;

/** Entity tags derived from a resource's optimistic-lock version. */
@NamedInterface("web")
public final class ETags {

    private ETags() {}

    public static String of(long version) {
        return "\"" + version + "\"";
    }

    /**
     * The tag of another representation of the same version (a PDF beside the JSON): representations differ
     * in bytes, so they must not share a strong validator.
     */
    public static String of(long version, String representation) {
        return "\"" + version + "-" + representation + "\"";
    }

    /**
     * Checks an {@code If-Match} header against the current version: absent or {@code *} passes, anything
     * else must name the current version.
     */
    public static void checkIfMatch(@Nullable String ifMatch, long currentVersion) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            return;
        }
        var current = of(currentVersion);
        for (var candidate : ifMatch.split(",", -1)) {
            var tag = candidate.trim();
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            if (tag.equals(current)) {
                return;
            }
        }
        throw new PreconditionFailed();
    }
}
