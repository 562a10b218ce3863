package dev.keel.platform.web;

import java.net.URI;
import org.springframework.http.HttpStatusCode;

/** The stable problem codes of the platform and the default code for each status. */
public final class ProblemCodes {

    public static final String VALIDATION_FAILED = "validation_failed";
    public static final String MALFORMED_JSON = "malformed_json";
    public static final String UNAUTHENTICATED = "unauthenticated";
    public static final String FORBIDDEN = "forbidden";
    public static final String ACCOUNT_DISABLED = "account_disabled";
    public static final String NOT_FOUND = "not_found";
    public static final String CONFLICT = "conflict";
    public static final String PRECONDITION_FAILED = "precondition_failed";
    public static final String RATE_LIMITED = "rate_limited";
    public static final String PAYLOAD_TOO_LARGE = "payload_too_large";
    public static final String INTERNAL_ERROR = "internal_error";
    public static final String SERVICE_UNAVAILABLE = "service_unavailable";

    private ProblemCodes() {}

    public static String forStatus(HttpStatusCode status) {
        return switch (status.value()) {
            case 400 -> "bad_request";
            case 401 -> UNAUTHENTICATED;
            case 403 -> FORBIDDEN;
            case 404 -> NOT_FOUND;
            case 405 -> "method_not_allowed";
            case 406 -> "not_acceptable";
            case 409 -> CONFLICT;
            case 412 -> PRECONDITION_FAILED;
            case 413 -> PAYLOAD_TOO_LARGE;
            case 415 -> "unsupported_media_type";
            case 429 -> RATE_LIMITED;
            case 503 -> SERVICE_UNAVAILABLE;
            default -> status.is5xxServerError() ? INTERNAL_ERROR : "client_error";
        };
    }

    /** The problem {@code type} of a code: a stable URN, so clients can switch on it as on {@code code}. */
    public static URI type(String code) {
        return URI.create("urn:keel:problem:" + code);
    }
}
