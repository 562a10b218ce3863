package dev.keel.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.UUID;

/**
 * The access line of every request is written by Tomcat's access log valve ({@code keel.web.access-log}): once
 * the response is complete, so that writing it never delays the client, and for every request Tomcat answers,
 * also those it refuses before any filter runs. This class hands the valve what Tomcat cannot know itself:
 * the signed-in caller, as the request attribute {@value #USER_ATTRIBUTE} (printed by {@code %{keel.user}r}).
 */
public final class AccessLog {

    public static final String USER_ATTRIBUTE = "keel.user";

    private AccessLog() {}

    /** Called once the caller is known, so the access line can name them. */
    public static void recordUser(HttpServletRequest request, UUID userId) {
        request.setAttribute(USER_ATTRIBUTE, userId);
    }
}
