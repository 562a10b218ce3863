/** Turns events into notifications, records what each channel owes and sends it, with retries, metrics,
 * housekeeping and account erasure. */
@NullMarked
package dev.keel.notifications.delivery;

import org.jspecify.annotations.NullMarked;
