/** The webhook channel: endpoints, their signed deliveries and delivery log, and the SSRF guard. */
@NullMarked
package dev.keel.notifications.webhook;

import org.jspecify.annotations.NullMarked;
