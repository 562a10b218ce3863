/** Invoices: issuing, numbering and charging them, paying them by hand, reading them as JSON and PDF. Internal to the billing module. */
@NullMarked
package dev.keel.billing.invoice;

import org.jspecify.annotations.NullMarked;
