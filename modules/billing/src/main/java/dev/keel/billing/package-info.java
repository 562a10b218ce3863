/**
 * Plans, payment methods, subscriptions, invoices and the billing cycle. May use the users module's API
 * (its events); nothing in users depends on billing.
 */
@ApplicationModule(
        displayName = "Billing",
        allowedDependencies = {"platform::*", "users"})
@NullMarked
package dev.keel.billing;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
