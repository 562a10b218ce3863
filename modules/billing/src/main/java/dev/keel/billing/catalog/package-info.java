/** Plans, their prices and the admin catalogue. Internal to the billing module. */
@NullMarked
package dev.keel.billing.catalog;

import org.jspecify.annotations.NullMarked;
