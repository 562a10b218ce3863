/**
 * The ops command line: the application's jar run as {@code java -jar keel.jar <group> <command>} does
 * one operator task (migrate the database, create an admin, run the billing cycle, resubmit events)
 * without starting the web server, and exits with a code scripts can trust.
 */
@ApplicationModule(
        displayName = "Ops command line",
        allowedDependencies = {"platform::*", "users", "users::bench", "billing", "billing::bench"})
@NullMarked
package dev.keel.ops;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
