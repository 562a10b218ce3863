/** What messages are about, the channels they take, whom they go to, and how they read. */
@NullMarked
package dev.keel.notifications.message;

import org.jspecify.annotations.NullMarked;
