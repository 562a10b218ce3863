/**
 * One trace from a request to everything it causes, on whichever replica that runs: the W3C {@code
 * traceparent} of the moment an event is published is stored with its publication, and listener work,
 * broker messages and webhook deliveries continue that trace.
 */
@NullMarked
package dev.keel.platform.tracing;

import org.jspecify.annotations.NullMarked;
