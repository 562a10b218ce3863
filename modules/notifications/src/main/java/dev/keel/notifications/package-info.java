/**
 * Email, in-app and webhook messages, sent in reaction to the events of the users and billing modules.
 * Nothing depends on notifications.
 */
@ApplicationModule(
        displayName = "Notifications",
        allowedDependencies = {"platform::*", "users", "billing"})
@NullMarked
package dev.keel.notifications;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
