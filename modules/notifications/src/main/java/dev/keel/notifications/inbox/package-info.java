/** The in-app channel: a user's messages and the API to read them. */
@NullMarked
package dev.keel.notifications.inbox;

import org.jspecify.annotations.NullMarked;
