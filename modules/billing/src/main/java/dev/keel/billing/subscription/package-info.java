/** Subscriptions: their state machine, what users do with them, proration, and settling invoices on them. Internal to the billing module. */
@NullMarked
package dev.keel.billing.subscription;

import org.jspecify.annotations.NullMarked;
