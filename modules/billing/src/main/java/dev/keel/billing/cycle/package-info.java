/** The billing cycle: renewals, trial ends, dunning retries, run under a cluster-wide lock. Internal to the billing module. */
@NullMarked
package dev.keel.billing.cycle;

import org.jspecify.annotations.NullMarked;
