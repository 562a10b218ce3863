/** Signals that reach every replica of one deployment: how caches stay coherent across a fleet. */
@NullMarked
package dev.keel.platform.cluster;

import org.jspecify.annotations.NullMarked;
