/** The email channel: owed emails, sending them, and the development mailbox. */
@NullMarked
package dev.keel.notifications.email;

import org.jspecify.annotations.NullMarked;
