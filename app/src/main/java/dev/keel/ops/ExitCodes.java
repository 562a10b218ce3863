package dev.keel.ops;

import java.util.LinkedHashMap;
import java.util.Map;

/** The exit codes of every ops command, listed in each command's {@code --help}. */
final class ExitCodes {

    static final int OK = 0;
    /** The command ran and failed: database unreachable, invalid configuration, listeners still failing. */
    static final int FAILED = 1;
    /** Nothing was done: unknown command or option, missing or invalid value (picocli's usage code). */
    static final int USAGE = 2;
    /** Nothing was done because it already exists (an admin's email is taken): safe for idempotent scripts. */
    static final int ALREADY_EXISTS = 3;

    private ExitCodes() {}

    static int forProblem(String code) {
        return switch (code) {
            case "email_taken" -> ALREADY_EXISTS;
            case "validation_failed" -> USAGE;
            default -> FAILED;
        };
    }

    static Map<String, String> descriptions() {
        var codes = new LinkedHashMap<String, String>();
        codes.put(" " + OK, "Done.");
        codes.put(" " + FAILED, "Failed (see the message); nothing or only part was done.");
        codes.put(" " + USAGE, "Invalid command, option or value; nothing was done.");
        codes.put(" " + ALREADY_EXISTS, "Already exists; nothing was done.");
        return codes;
    }
}
