/** The application clock, time travel for demos and tests, and cluster-wide locks for scheduled work. */
@NullMarked
package dev.keel.platform.time;

import org.jspecify.annotations.NullMarked;
