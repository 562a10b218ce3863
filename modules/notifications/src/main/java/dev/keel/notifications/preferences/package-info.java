/** Which channels each user wants per category, and the API to change them. */
@NullMarked
package dev.keel.notifications.preferences;

import org.jspecify.annotations.NullMarked;
