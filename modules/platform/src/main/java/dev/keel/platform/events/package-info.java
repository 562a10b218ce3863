@NullMarked
package dev.keel.platform.events;

import org.jspecify.annotations.NullMarked;
