package dev.keel.billing.cycle;

import java.time.Instant;
import java.util.UUID;

/**
 * A piece of due billing work and when it fell due: also the position of a pass of the billing cycle,
 * which walks due work in (due, id) order, so that work that failed is not met again in the same pass
 * and nothing has to be remembered about it.
 */
public record DueWork(UUID id, Instant due) {

    static final DueWork START = new DueWork(new UUID(0, 0), Instant.EPOCH);
}
