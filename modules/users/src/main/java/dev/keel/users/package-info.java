/**
 * Accounts and authentication: registration, tokens, profile, email verification, password reset and
 * administration of users. Publishes {@link dev.keel.users.UserRegistered} and the other account events.
 */
@ApplicationModule(displayName = "Users", allowedDependencies = "platform::*")
@NullMarked
package dev.keel.users;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
