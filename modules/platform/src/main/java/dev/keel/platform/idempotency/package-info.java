/**
 * Idempotency-Key support for every POST of the API: the first response to a key is stored with the
 * caller and a hash of the request, and replayed for retries.
 */
@NullMarked
package dev.keel.platform.idempotency;

import org.jspecify.annotations.NullMarked;
