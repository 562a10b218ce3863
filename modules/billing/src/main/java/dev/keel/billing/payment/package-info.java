/** Payment methods (cards) and the gateway that charges them. Internal to the billing module. */
@NullMarked
package dev.keel.billing.payment;

import org.jspecify.annotations.NullMarked;
