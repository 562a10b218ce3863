package dev.keel.notifications.delivery;

/** Error texts kept in delivery logs: short, and never more than the column holds. */
final class Errors {

    private static final int MAX = 500;

    private Errors() {}

    static String truncate(String error) {
        return error.length() <= MAX ? error : error.substring(0, MAX - 1) + "…";
    }

    static String describe(Throwable failure) {
        var message = failure.getMessage();
        return truncate(failure.getClass().getSimpleName() + (message == null ? "" : ": " + message));
    }
}
