/**
 * The benchmark data set of the contract's {@code seed bench} ops command (see the README), written in bulk
 * for load tests. A named interface of its own, so that only the ops command line may use it; nothing in
 * the product depends on it.
 */
@NamedInterface("bench")
@NullMarked
package dev.keel.billing.bench;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
